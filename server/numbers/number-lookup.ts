import { db } from "../db/client";

/** A business number whose business is not archived, with what the webhooks answer from. */
export type LiveNumber = {
  id: string;
  e164: string;
  clientId: string;
  businessName: string;
  forwardTo: string;
  ringTimeoutSeconds: number;
  voicemailEnabled: boolean;
  mode: "dial" | "forwarded";
};

/** The number and its (not archived) business, in one round trip: webhooks are the hot path. Null: no live business has it. */
export async function liveNumberByE164(e164: string): Promise<LiveNumber | null> {
  const rows = await db.$queryRaw<LiveNumber[]>`
    SELECT n."id", n."e164", n."clientId", c."businessName", n."forwardTo", n."ringTimeoutSeconds", n."voicemailEnabled", n."mode"::text AS "mode"
    FROM "PhoneNumber" n JOIN "Client" c ON c."id" = n."clientId"
    WHERE n."e164" = ${e164} AND c."archivedAt" IS NULL`;
  return rows[0] ?? null;
}
