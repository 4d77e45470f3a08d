import { db } from "../db/client";
import { upsertContactByPhone } from "./contact-upsert";

/**
 * Adds and removes tags on the contact of a phone number (created on first sight), in one
 * statement, so two runs tagging the same contact at once both land. Tags keep the order they were
 * first given; the engine's config has already lower-cased them. Returns the tags afterwards.
 */
export async function tagContact(options: { clientId: string; e164: string; add: string[]; remove: string[] }): Promise<string[]> {
  const contact = await upsertContactByPhone({ clientId: options.clientId, e164: options.e164 });
  const [row] = await db.$queryRaw<{ tags: string[] }[]>`
    UPDATE "Contact"
       SET "tags" = ARRAY(
             SELECT x.t FROM unnest("tags" || ${options.add}::text[]) WITH ORDINALITY AS x(t, n)
              WHERE NOT (x.t = ANY(${options.remove}::text[]))
              GROUP BY x.t ORDER BY min(x.n)),
           "updatedAt" = now()
     WHERE "id" = ${contact.id}
     RETURNING "tags"`;
  return row.tags;
}
