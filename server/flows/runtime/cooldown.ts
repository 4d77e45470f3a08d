import { db } from "../../db/client";

/**
 * Claims the cooldown for a contact, atomically: of any number of concurrent claims for the
 * same (client, contact, scope) inside one window exactly one wins. The claim is a single
 * INSERT … ON CONFLICT DO UPDATE … WHERE expired, which PostgreSQL serialises on the unique key.
 * A retried step of the run that already holds the claim gets `true` again (idempotent).
 *
 * `scope` is a flow id (cooldown per flow) or "*" (any flow of the client).
 */
export async function claimCooldown(options: {
  clientId: string;
  contactE164: string;
  scope: string;
  windowMinutes: number;
  runId: string;
  now: Date;
}): Promise<boolean> {
  const { clientId, contactE164, scope, windowMinutes, runId, now } = options;
  const expiresAt = new Date(now.getTime() + windowMinutes * 60_000);
  const rows = await db.$queryRaw<{ runId: string | null }[]>`
    INSERT INTO "CooldownClaim" ("id", "clientId", "contactE164", "scope", "runId", "claimedAt", "expiresAt")
    VALUES (${`cd_${runId}_${scope}`}, ${clientId}, ${contactE164}, ${scope}, ${runId}, ${now}, ${expiresAt})
    ON CONFLICT ("clientId", "contactE164", "scope") DO UPDATE
      SET "runId" = EXCLUDED."runId", "claimedAt" = EXCLUDED."claimedAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "CooldownClaim"."expiresAt" <= EXCLUDED."claimedAt" OR "CooldownClaim"."runId" = EXCLUDED."runId"
    RETURNING "runId"`;
  return rows.length === 1;
}
