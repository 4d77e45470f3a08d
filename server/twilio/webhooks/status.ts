import { applyMessageStatus } from "../../messaging/message-status";
import { MessageStatusParams } from "../webhook-schemas";
import { readWebhook, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * Delivery status callbacks: applied by applyMessageStatus, which only moves a status forward.
 * Texts Ringback sent name themselves in the callback URL (?m=), so a callback that beats the
 * write of the Twilio SID still finds its Message; older ones are found by SID.
 */
export async function handleMessageStatus(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, MessageStatusParams);
  if (!read.ok) return read.response;
  const { MessageSid, MessageStatus, ErrorCode } = read.params;
  const outcome = await applyMessageStatus({
    messageSid: MessageSid,
    twilioStatus: MessageStatus,
    errorCode: ErrorCode ? Number(ErrorCode) : null,
    messageId: new URL(request.url, "http://x").searchParams.get("m"),
  });
  if (outcome === "unknown") console.warn(`[twilio] status ${MessageStatus} for unknown message ${MessageSid}; ignored.`);
  return { status: 204, headers: {}, body: "" };
}
