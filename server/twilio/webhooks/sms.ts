import twilio from "twilio";
import type { z } from "zod";
import { db, Prisma } from "../../db/client";
import { inngest } from "../../events/client";
import { smsReceived } from "../../events/schemas";
import { keywordOf, optInContactFromTheirStart, optOutContact } from "../../contacts/opt-out";
import { readInbound } from "../../contacts/revocation";
import { displayPhone } from "../../flows/model/templates";
import { upsertContactByPhone } from "../../leads/contact-upsert";
import { InboundSmsParams } from "../webhook-schemas";
import { emptyTwiml, readWebhook, twiml, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * Inbound texts: stored once per MessageSid; STOP/START/HELP are handled here, before any flow
 * sees the message, and so are revocations in other words ("please remove me": treated as STOP)
 * and texts flagged for staff ("wrong number"; see contacts/revocation.ts), which no run takes as
 * an answer. Everything else becomes `sms/received` (id = MessageSid), which resumes a run
 * waiting for this contact's reply.
 */
const reply = (text: string) => {
  const response = new twilio.twiml.MessagingResponse();
  response.message(text);
  return twiml(response.toString());
};

export async function handleInboundSms(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, InboundSmsParams);
  if (!read.ok) return read.response;
  return receiveInboundSms(read.params);
}

/** An inbound text, from the webhook or from the reconciler that found it missed (server/messaging/reconcile.ts). */
export async function receiveInboundSms(params: z.infer<typeof InboundSmsParams>): Promise<WebhookResponse> {
  const { MessageSid, From, To, Body, OptOutType } = params;
  const number = await db.phoneNumber.findUnique({ where: { e164: To }, include: { client: true } });
  if (!number || number.client.archivedAt) {
    console.warn(`[twilio] text ${MessageSid} to ${To}: no business has this number; answering empty TwiML.`);
    return emptyTwiml();
  }
  const client = number.client;
  const contact = await upsertContactByPhone({ clientId: client.id, e164: From });
  const keyword = keywordOf(Body, OptOutType);
  const reading = keyword === null ? readInbound(Body) : null;
  const flag = reading?.kind === "revocation" ? "Asked not to be texted: opted out" : reading?.kind === "flagged" ? `Not taken as an answer: ${reading.reason}` : null;
  let message;
  try {
    message = await db.message.create({
      data: { clientId: client.id, contactId: contact.id, direction: "inbound", body: Body, status: "received", twilioSid: MessageSid, fromNumber: From, toNumber: To, flag },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // A redelivery: the text is stored; answer as before without acting twice (events dedupe by id).
    message = await db.message.findUniqueOrThrow({ where: { twilioSid: MessageSid } });
  }

  if (keyword === "stop") {
    if (!contact.optedOut) await optOutContact({ clientId: client.id, e164: From, at: message.createdAt, reason: `replied ${Body.trim()}` });
    // With Twilio's Advanced Opt-Out (OptOutType set) Twilio confirms itself; otherwise we do, once.
    return OptOutType ? emptyTwiml() : reply(`You're unsubscribed from ${client.businessName} texts. No more messages will be sent. Reply START to resubscribe.`);
  }
  if (keyword === "start") {
    await optInContactFromTheirStart({ clientId: client.id, e164: From, at: message.createdAt });
    return OptOutType ? emptyTwiml() : reply(`You're resubscribed to ${client.businessName} texts. Reply STOP to opt out.`);
  }
  if (keyword === "help") {
    return reply(`${client.businessName}: for help call ${number.e164}. Msg & data rates may apply. Reply STOP to opt out.`);
  }
  if (reading) {
    const who = contact.name ? `${contact.name} (${displayPhone(From)})` : displayPhone(From);
    const quoted = `“${Body.trim().slice(0, 200)}”`;
    if (reading.kind === "revocation") {
      // Since the FCC's 2024 order a revocation in any reasonable words counts as STOP.
      const first = !contact.optedOut;
      if (first) await optOutContact({ clientId: client.id, e164: From, at: message.createdAt, reason: `texted ${quoted}` });
      await tellStaff(client.id, "Asked not to be texted", `${who} texted ${quoted}. They are opted out: no more texts will be sent to them.`);
      return first ? reply(`You're unsubscribed from ${client.businessName} texts. No more messages will be sent. Reply START to resubscribe.`) : emptyTwiml();
    }
    await tellStaff(client.id, "A text needs a look", `${who} texted ${quoted}: it ${reading.reason}, so no flow took it as an answer. Open the inbox to reply.`);
    return emptyTwiml();
  }
  if (contact.optedOut) return emptyTwiml(); // an opted-out contact's chatter starts no flow step
  await inngest.send(
    smsReceived.create(
      { clientId: client.id, messageId: message.id, messageSid: MessageSid, from: From, to: To, body: Body, at: message.createdAt.toISOString() },
      { id: MessageSid },
    ),
  );
  return emptyTwiml();
}

/** An in-app notification, once per text (a redelivered webhook adds none). */
async function tellStaff(clientId: string, title: string, body: string) {
  const already = await db.notification.findFirst({ where: { clientId, title, body } });
  if (!already) await db.notification.create({ data: { clientId, title, body } });
}
