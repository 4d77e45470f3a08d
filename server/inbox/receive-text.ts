import { db, Prisma } from "../db/client";
import { smsReceived } from "../events/schemas";
import { upsertContactByPhone } from "../contacts/contact-upsert";
import { keywordOf, optInContactFromTheirStart, optOutContact } from "../contacts/opt-out";
import { readInbound } from "../contacts/revocation";
import { displayPhone } from "../flows/model/templates";
import { liveNumberByE164 } from "../numbers/number-lookup";
import { startRunsForText } from "./start-text-runs";

/** A text someone sent to a business number, as Twilio reports it (webhook or API list). */
export type InboundText = { messageSid: string; from: string; to: string; body: string; optOutType?: "STOP" | "START" | "HELP" };

/**
 * What to text back at once (the webhook answers it as TwiML), or null for nothing. `revocation`:
 * the reply confirms an opt-out in the texter's own words, which Twilio's own opt-out handling
 * knows nothing of, so whoever took the text in outside the webhook (the reconciler) must send it.
 */
export type InboundAnswer = { reply: string | null; revocation?: { clientId: string } };

/**
 * Inbound texts: stored once per MessageSid; STOP/START/HELP are handled here, before any flow
 * sees the message, and so are revocations in other words ("please remove me": treated as STOP)
 * and texts flagged for staff ("wrong number"; see contacts/revocation.ts), which no run takes as
 * an answer. Everything else becomes `sms/received` (id = MessageSid), which resumes a run
 * waiting for this contact's reply, and — when the contact has no run going — may start a
 * "Text received" flow (inbox/start-text-runs.ts). One path for the SMS webhook and for the reconciler that finds
 * a text the webhook missed (server/twilio/reconcile.ts).
 */
export async function receiveText({ messageSid, from, to, body, optOutType }: InboundText): Promise<InboundAnswer> {
  const nothing = { reply: null };
  const number = await liveNumberByE164(to);
  if (!number) {
    console.warn(`[twilio] text ${messageSid} to ${to}: no business has this number; answering nothing.`);
    return nothing;
  }
  const { clientId, businessName } = number;
  const contact = await upsertContactByPhone({ clientId, e164: from });
  const keyword = keywordOf(body, optOutType);
  const reading = keyword === null ? readInbound(body) : null;
  const flag = reading?.kind === "revocation" ? "Asked not to be texted: opted out" : reading?.kind === "flagged" ? `Not taken as an answer: ${reading.reason}` : null;
  let message;
  try {
    message = await db.message.create({
      data: { clientId, contactId: contact.id, direction: "inbound", body, status: "received", twilioSid: messageSid, fromNumber: from, toNumber: to, flag },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // A redelivery: the text is stored; answer as before without acting twice (events dedupe by id).
    message = await db.message.findUniqueOrThrow({ where: { twilioSid: messageSid } });
  }

  const unsubscribed = `You're unsubscribed from ${businessName} texts. No more messages will be sent. Reply START to resubscribe.`;
  if (keyword === "stop") {
    if (!contact.optedOut) await optOutContact({ clientId, e164: from, at: message.createdAt, reason: `replied ${body.trim()}` });
    // With Twilio's Advanced Opt-Out (OptOutType set) Twilio confirms itself; otherwise we do, once.
    return optOutType ? nothing : { reply: unsubscribed };
  }
  if (keyword === "start") {
    await optInContactFromTheirStart({ clientId, e164: from, at: message.createdAt });
    return optOutType ? nothing : { reply: `You're resubscribed to ${businessName} texts. Reply STOP to opt out.` };
  }
  if (keyword === "help") {
    return { reply: `${businessName}: for help call ${number.e164}. Msg & data rates may apply. Reply STOP to opt out.` };
  }
  if (reading) {
    const who = contact.name ? `${contact.name} (${displayPhone(from)})` : displayPhone(from);
    const quoted = `“${body.trim().slice(0, 200)}”`;
    if (reading.kind === "revocation") {
      // Since the FCC's 2024 order a revocation in any reasonable words counts as STOP.
      const first = !contact.optedOut;
      if (first) await optOutContact({ clientId, e164: from, at: message.createdAt, reason: `texted ${quoted}` });
      await tellStaff(clientId, "Asked not to be texted", `${who} texted ${quoted}. They are opted out: no more texts will be sent to them.`);
      return first ? { reply: unsubscribed, revocation: { clientId } } : nothing;
    }
    await tellStaff(clientId, "A text needs a look", `${who} texted ${quoted}: it ${reading.reason}, so no flow took it as an answer. Open the inbox to reply.`);
    return nothing;
  }
  if (contact.optedOut) return nothing; // an opted-out contact's chatter starts no flow step
  // To a run waiting for this contact's reply, or, when they had no run going as it came, to the
  // "Text received" flow it may start (never both: a reply to a waiting run starts nothing).
  await startRunsForText(
    { clientId, sid: messageSid, body, from, to, receivedAt: message.createdAt.toISOString() },
    smsReceived.create({ clientId, messageId: message.id, messageSid, from, to, body, at: message.createdAt.toISOString() }, { id: messageSid }),
  );
  return nothing;
}

/** An in-app notification, once per text (a redelivered webhook adds none). */
async function tellStaff(clientId: string, title: string, body: string) {
  const already = await db.notification.findFirst({ where: { clientId, title, body } });
  if (!already) await db.notification.create({ data: { clientId, title, body } });
}
