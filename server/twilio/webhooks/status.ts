import { db } from "../../db/client";
import { optOutContact } from "../../contacts/opt-out";
import { explainTwilioError } from "../../messaging/twilio-errors";
import { MessageStatusParams } from "../webhook-schemas";
import { readWebhook, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * Delivery status callbacks. Twilio may deliver them late and out of order, so a status only
 * moves forward: a late "sent" never overwrites "delivered". The update is one conditional
 * UPDATE, so concurrent callbacks cannot race past each other.
 */
const RANK: Record<string, number> = { pending: 0, sending: 1, queued: 2, sent: 3, delivered: 4, undelivered: 5, failed: 5 };
const FROM_TWILIO: Record<string, keyof typeof RANK | null> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "sending",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
  receiving: null,
  received: null,
};

const ok = (): WebhookResponse => ({ status: 204, headers: {}, body: "" });

export async function handleMessageStatus(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, MessageStatusParams);
  if (!read.ok) return read.response;
  const { MessageSid, MessageStatus, ErrorCode } = read.params;
  const status = FROM_TWILIO[MessageStatus];
  if (!status) return ok();
  // Texts Ringback sent name themselves in the callback URL (?m=), so a callback that beats the
  // write of the Twilio SID still finds its Message; older ones are found by SID.
  const ourId = new URL(request.url, "http://x").searchParams.get("m");
  const message = ourId
    ? await db.message.findFirst({ where: { id: ourId, OR: [{ twilioSid: MessageSid }, { twilioSid: null }] } })
    : await db.message.findUnique({ where: { twilioSid: MessageSid } });
  if (!message) {
    console.warn(`[twilio] status ${MessageStatus} for unknown message ${MessageSid}; ignored.`);
    return ok();
  }
  const lower = Object.keys(RANK).filter((s) => RANK[s] < RANK[status]) as (keyof typeof RANK)[];
  const code = ErrorCode ? Number(ErrorCode) : null;
  const failed = status === "failed" || status === "undelivered";
  const { count } = await db.message.updateMany({
    where: { id: message.id, status: { in: lower as never[] } },
    data: {
      status: status as never,
      twilioSid: MessageSid,
      ...(status === "delivered" ? { deliveredAt: new Date() } : {}),
      ...(failed ? { errorCode: code, errorMessage: code ? `${code}: ${explainTwilioError(code).explanation}` : `Twilio reported the text ${MessageStatus}.` } : {}),
    },
  });
  if (count && code === 21610 && message.contactId) {
    const contact = await db.contact.findUnique({ where: { id: message.contactId } });
    if (contact && !contact.optedOut) await optOutContact({ clientId: message.clientId, e164: contact.e164, reason: "Twilio 21610 (unsubscribed recipient)" });
  }
  return ok();
}
