import { db } from "../db/client";
import { inngest } from "../events/client";
import { contactOptedOut } from "../events/schemas";

/**
 * Opt-out state changes only in the compliant direction: anyone (the contact's STOP, a carrier's
 * 21610, staff) can opt a contact out; only the contact's own START opts them back in.
 * Opting out also cancels the contact's waiting runs (run-flow's cancelOn on this event).
 */
export const STOP_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
export const START_WORDS = ["START", "UNSTOP", "YES"];
export const HELP_WORDS = ["HELP", "INFO"];

export type Keyword = "stop" | "start" | "help" | null;

/** Carrier keywords are the whole message, any case, ignoring punctuation around them. */
export function keywordOf(body: string, optOutType?: string): Keyword {
  if (optOutType === "STOP") return "stop";
  if (optOutType === "START") return "start";
  if (optOutType === "HELP") return "help";
  const word = body.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "").toUpperCase();
  if (STOP_WORDS.includes(word)) return "stop";
  if (START_WORDS.includes(word)) return "start";
  if (HELP_WORDS.includes(word)) return "help";
  return null;
}

/**
 * `keepRunId`: the run whose own text was refused as unsubscribed (Twilio 21610) is not cancelled —
 * it takes its step's "failed" branch, so the flow can still tell staff; the contact's other runs are.
 */
export async function optOutContact(options: { clientId: string; e164: string; at?: Date; reason: string; keepRunId?: string | null }) {
  const at = options.at ?? new Date();
  await db.contact.upsert({
    where: { clientId_e164: { clientId: options.clientId, e164: options.e164 } },
    create: { clientId: options.clientId, e164: options.e164, optedOut: true, optedOutAt: at },
    update: { optedOut: true, optedOutAt: at },
  });
  await db.auditEvent.create({
    data: { clientId: options.clientId, action: "contact.optOut", targetType: "Contact", targetId: options.e164, data: { reason: options.reason } },
  });
  await inngest.send(contactOptedOut.create({ clientId: options.clientId, contactE164: options.e164, at: at.toISOString(), reason: options.reason, keepRunId: options.keepRunId ?? "" }, { id: `optout:${options.clientId}:${options.e164}:${at.getTime()}` }));
}

/** Only ever called for the contact's own START (an inbound text), never by staff. */
export async function optInContactFromTheirStart(options: { clientId: string; e164: string; at?: Date }) {
  await db.contact.updateMany({
    where: { clientId: options.clientId, e164: options.e164 },
    data: { optedOut: false, optedInAt: options.at ?? new Date() },
  });
}
