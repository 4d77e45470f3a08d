import { db } from "../db/client";

/** The first name `{{contact.firstName|there}}` reads: the name's first word. */
export const firstNameOf = (name: string) => name.split(/\s+/)[0]!;

/** What caller-name lookups answer when they found no person. */
const NOT_A_NAME =
  /^(wireless caller|cell phone|mobile caller|unavailable|not available|unknown( name| caller)?|private( caller| name| number)?|anonymous|restricted|blocked|no caller id|toll free( call)?|out of area)$/i;

/**
 * A person's name from Twilio's `CallerName` (a CNAM lookup), or null when it holds none: empty, a
 * placeholder such as "WIRELESS CALLER", or digits. CNAM names are capitals, often "LAST,FIRST":
 * "GARCIA,MARIA" and "MARIA GARCIA" both read "Maria Garcia"; a name in mixed case is kept as written.
 */
export function personNameFromCallerId(raw: string | null | undefined): string | null {
  let text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (!text || text.length > 60 || /\d/.test(text) || !/\p{L}/u.test(text) || NOT_A_NAME.test(text)) return null;
  const comma = text.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) text = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * Names a caller from their `CallerName` unless the contact has a name already (one staff typed is
 * never overwritten). `create`: a missed call makes the caller a contact now, so the run that
 * starts next can greet them by name; otherwise (an answered call) only a known contact is named.
 * One statement, race-safe against the contact being created concurrently.
 */
export async function nameContactFromCallerId(options: { clientId: string; e164: string; callerName: string | null | undefined; create: boolean }): Promise<void> {
  const name = personNameFromCallerId(options.callerName);
  if (!name) return;
  const firstName = firstNameOf(name);
  if (!options.create) {
    await db.$executeRaw`
      UPDATE "Contact" SET "name" = ${name}, "firstName" = ${firstName}, "updatedAt" = now()
      WHERE "clientId" = ${options.clientId} AND "e164" = ${options.e164} AND "name" IS NULL`;
    return;
  }
  await db.$executeRaw`
    INSERT INTO "Contact" ("id", "clientId", "e164", "name", "firstName", "tags", "optedOut", "createdAt", "updatedAt")
    VALUES (${`ct_${crypto.randomUUID()}`}, ${options.clientId}, ${options.e164}, ${name}, ${firstName}, ARRAY[]::text[], false, now(), now())
    ON CONFLICT ("clientId", "e164") DO UPDATE SET "name" = EXCLUDED."name", "firstName" = EXCLUDED."firstName", "updatedAt" = now()
    WHERE "Contact"."name" IS NULL`;
}
