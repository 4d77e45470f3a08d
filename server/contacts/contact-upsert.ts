import { db, type Contact } from "../db/client";

/**
 * The contact for a phone number of a client, created on first sight (one per client + E.164).
 * INSERT … ON CONFLICT DO NOTHING, not Prisma's upsert: concurrent first texts or calls from the
 * same number would otherwise race on the unique key and fail. One round trip: the inserted row,
 * or else the one that was already there (a second read only when a concurrent insert won).
 */
export async function upsertContactByPhone(options: { clientId: string; e164: string }): Promise<Contact> {
  const rows = await db.$queryRaw<Contact[]>`
    WITH inserted AS (
      INSERT INTO "Contact" ("id", "clientId", "e164", "tags", "optedOut", "createdAt", "updatedAt")
      VALUES (${`ct_${crypto.randomUUID()}`}, ${options.clientId}, ${options.e164}, ARRAY[]::text[], false, now(), now())
      ON CONFLICT ("clientId", "e164") DO NOTHING
      RETURNING *
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT * FROM "Contact" WHERE "clientId" = ${options.clientId} AND "e164" = ${options.e164}
    LIMIT 1`;
  // A concurrent first sight committed its row after this statement's snapshot: read it now.
  return rows[0] ?? db.contact.findUniqueOrThrow({ where: { clientId_e164: { clientId: options.clientId, e164: options.e164 } } });
}
