import { callState, isUnfinished } from "../../calls/call-record";
import { inngest } from "../../events/client";
import { callEnded } from "../../events/schemas";
import { CallStatusParams } from "../webhook-schemas";
import { emptyTwiml, readWebhook, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * The number's "call status changes" callback (Twilio posts it when the call ends). It catches the
 * missed calls no other callback reports: a caller who hangs up during the voicemail greeting
 * never reaches <Record>, so Twilio requests no recording action; a call still "ringing" when it
 * ended got no <Dial> result at all (the caller gave up, or that webhook never got through).
 * Such a call is handed to server/inngest/functions/unfinished-call.ts, which texts back unless
 * the missing callback turns up after all.
 */
const FINAL = new Set(["completed", "busy", "no-answer", "failed", "canceled"]);

export async function handleCallStatus(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, CallStatusParams);
  if (!read.ok) return read.response;
  const { CallSid, CallStatus } = read.params;
  if (!FINAL.has(CallStatus)) return emptyTwiml();
  const call = await callState(CallSid);
  // Answered and already-missed calls are done; only a call left ringing or at the greeting needs a look.
  if (!call || !isUnfinished(call)) return emptyTwiml();
  await inngest.send(callEnded.create({ callSid: CallSid }, { id: `ended:${CallSid}` }));
  return emptyTwiml();
}
