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
  const which = ourId ? { id: ourId, OR: [{ twilioSid: MessageSid }, { twilioSid: null }] } : { twilioSid: MessageSid };
  const lower = Object.keys(RANK).filter((s) => RANK[s] < RANK[status]) as (keyof typeof RANK)[];
  const code = ErrorCode ? Number(ErrorCode) : null;
  const failed = status === "failed" || status === "undelivered";
  // Found and moved forward in one statement; only a callback that changed nothing looks further.
  const [moved] = await db.message.updateManyAndReturn({
    where: { ...which, status: { in: lower as never[] } },
    select: { clientId: true, contactId: true },
    data: {
      status: status as never,
      twilioSid: MessageSid,
      ...(status === "delivered" ? { deliveredAt: new Date() } : {}),
      ...(failed ? { errorCode: code, errorMessage: code ? `${code}: ${explainTwilioError(code).explanation}` : `Twilio reported the text ${MessageStatus}.` } : {}),
    },
  });
  if (!moved && !(await db.message.findFirst({ where: which, select: { id: true } }))) {
    console.warn(`[twilio] status ${MessageStatus} for unknown message ${MessageSid}; ignored.`);
    return ok();
  }
  if (moved && code === 21610 && moved.contactId) {
    const contact = await db.contact.findUnique({ where: { id: moved.contactId } });
    if (contact && !contact.optedOut) await optOutContact({ clientId: moved.clientId, e164: contact.e164, reason: "Twilio 21610 (unsubscribed recipient)" });
  }
  return ok();
}
