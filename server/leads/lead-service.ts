import { db } from "../db/client";
import { upsertContactByPhone } from "../contacts/contact-upsert";

/**
 * Opens a lead for the contact, or returns the one already open: at most one open lead per
 * contact, enforced by the partial unique index "Lead_one_open_per_contact" (so two runs racing
 * for the same caller still end with one lead).
 */
export async function openLead(options: { clientId: string; contactE164: string; runId?: string | null; source?: string }) {
  const contact = await upsertContactByPhone({ clientId: options.clientId, e164: options.contactE164 });
  const id = `lead_${crypto.randomUUID()}`;
  const rows = await db.$queryRaw<{ id: string; created: boolean }[]>`
    INSERT INTO "Lead" ("id", "clientId", "contactId", "status", "source", "runId", "createdAt", "updatedAt")
    VALUES (${id}, ${options.clientId}, ${contact.id}, 'open', ${options.source ?? "flow"}, ${options.runId ?? null}, now(), now())
    ON CONFLICT ("contactId") WHERE "status" = 'open' DO UPDATE SET "updatedAt" = now()
    RETURNING "id", ("id" = ${id}) AS "created"`;
  return { leadId: rows[0].id, created: rows[0].created, contactId: contact.id };
}
