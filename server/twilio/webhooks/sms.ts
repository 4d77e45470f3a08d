import twilio from "twilio";
import { receiveText } from "../../inbox/receive-text";
import { InboundSmsParams } from "../webhook-schemas";
import { emptyTwiml, readWebhook, twiml, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * The messaging webhook: checks the signature, parses the form, and hands the text to the inbox
 * (server/inbox/receive-text.ts: stored once per MessageSid, STOP/START/HELP first, then a waiting
 * run's reply). Its answer, if any, goes back as TwiML.
 */
export async function handleInboundSms(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, InboundSmsParams);
  if (!read.ok) return read.response;
  const { MessageSid, From, To, Body, OptOutType } = read.params;
  const { reply } = await receiveText({ messageSid: MessageSid, from: From, to: To, body: Body, optOutType: OptOutType });
  if (reply === null) return emptyTwiml();
  const response = new twilio.twiml.MessagingResponse();
  response.message(reply);
  return twiml(response.toString());
}
