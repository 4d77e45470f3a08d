import { db } from "../db/client";

/**
 * The contact for a phone number of a client, created on first sight (one per client + E.164).
 * INSERT … ON CONFLICT DO NOTHING, not Prisma's upsert: concurrent first texts or calls from the
 * same number would otherwise race on the unique key and fail.
 */
export async function upsertContactByPhone(options: { clientId: string; e164: string }) {
  await db.$executeRaw`
    INSERT INTO "Contact" ("id", "clientId", "e164", "tags", "optedOut", "createdAt", "updatedAt")
    VALUES (${`ct_${crypto.randomUUID()}`}, ${options.clientId}, ${options.e164}, ARRAY[]::text[], false, now(), now())
    ON CONFLICT ("clientId", "e164") DO NOTHING`;
  return db.contact.findUniqueOrThrow({ where: { clientId_e164: { clientId: options.clientId, e164: options.e164 } } });
}
