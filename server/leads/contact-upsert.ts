import { db } from "../db/client";

/** The contact for a phone number of a client, created on first sight (one per client + E.164). */
export async function upsertContactByPhone(options: { clientId: string; e164: string }) {
  return db.contact.upsert({
    where: { clientId_e164: { clientId: options.clientId, e164: options.e164 } },
    create: { clientId: options.clientId, e164: options.e164 },
    update: {},
  });
}
