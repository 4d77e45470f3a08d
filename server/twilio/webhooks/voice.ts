import twilio from "twilio";
import { env } from "../../env";
import { inngest } from "../../events/client";
import { startRunsForMissedCall } from "../../calls/start-runs";
import { recordIncomingCall, settleDialResult, settleVoicemailPrompt, storeTranscript } from "../../calls/call-record";
import { voicemailRecorded, voicemailTranscribed } from "../../events/schemas";
import { DialResultParams, IncomingCallParams, RecordingParams, TranscriptionParams } from "../webhook-schemas";
import { emptyTwiml, readWebhook, twiml, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * Calls: forward to the business's phone; when nobody answers, record a voicemail if the number
 * takes them, and start the flows once per CallSid (runs are unique per call and flow, and their
 * start events' ids say so, so a retried webhook starts nothing twice).
 */
const base = () => env.PUBLIC_BASE_URL.replace(/\/$/, "");

export async function handleVoice(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, IncomingCallParams);
  if (!read.ok) return read.response;
  const { CallSid, From, To, ForwardedFrom } = read.params;
  const number = await recordIncomingCall({ callSid: CallSid, from: From, to: To });
  if (!number) {
    console.warn(`[twilio] call ${CallSid} to ${To}: no business has this number; answering empty TwiML.`);
    return emptyTwiml();
  }
  // The business's own line forwarded this call because nobody answered it ("keep your existing
  // line"): it is missed already, and dialing that line again would only loop the call back here.
  if (number.mode === "forwarded" || (ForwardedFrom && ForwardedFrom === number.forwardTo)) {
    return settleDial({ CallSid, From, To, DialCallStatus: "no-answer" });
  }
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({ timeout: number.ringTimeoutSeconds, action: `${base()}/api/twilio/dial-result`, method: "POST", callerId: From });
  dial.number(number.forwardTo);
  return twiml(response.toString());
}

export async function handleDialResult(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, DialResultParams);
  if (!read.ok) return read.response;
  return settleDial(read.params);
}

/** How the call ends once the business's phone was tried (or, for a forwarded call, already was). */
async function settleDial({ CallSid, From, To, DialCallStatus }: Pick<typeof DialResultParams._output, "CallSid" | "From" | "To" | "DialCallStatus">): Promise<WebhookResponse> {
  const call = await settleDialResult({ callSid: CallSid, to: To, dialStatus: DialCallStatus });
  if (!call) {
    console.warn(`[twilio] dial result for unknown call ${CallSid} to ${To}; answering empty TwiML.`);
    return emptyTwiml();
  }
  if (call.answered) return twiml(new twilio.twiml.VoiceResponse().toString());
  if (call.voicemail) {
    const response = new twilio.twiml.VoiceResponse();
    response.say(`Sorry, ${call.businessName} can't take your call right now. Please leave a message after the tone.`);
    response.record({
      maxLength: 120,
      playBeep: true,
      action: `${base()}/api/twilio/voicemail?event=recorded`,
      transcribe: true,
      transcribeCallback: `${base()}/api/twilio/voicemail?event=transcribed`,
    });
    return twiml(response.toString());
  }
  // Done on every delivery of this webhook: it is idempotent, and a first delivery that failed
  // half-way (500, Twilio retries) still starts its runs.
  await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid: CallSid, from: From, to: To, reason: call.reason, at: call.createdAt.toISOString(), voicemailTranscript: null });
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return twiml(response.toString());
}

/**
 * Voicemail callbacks. The recording's completion starts a short wait for its transcription
 * (server/inngest/functions/voicemail.ts), which then starts the call's runs with the transcript —
 * or without it when none comes — so keyword conditions can read the voicemail.
 * A transcript that arrives after that wait is stored on the Call all the same: the run already
 * decided without it and is not re-decided (its texts may be out), but run history and the inbox
 * read the Call, so the transcript is shown there.
 */
export async function handleVoicemail(request: WebhookRequest): Promise<WebhookResponse> {
  const kind = new URL(request.url, "http://x").searchParams.get("event");
  if (kind === "transcribed") {
    const read = readWebhook(request, TranscriptionParams);
    if (!read.ok) return read.response;
    const { CallSid, TranscriptionText, TranscriptionStatus } = read.params;
    const transcript = (TranscriptionStatus === "completed" ? TranscriptionText.trim() : "") || null;
    if (!(await storeTranscript(CallSid, transcript))) return emptyTwiml();
    await inngest.send(voicemailTranscribed.create({ callSid: CallSid, transcript }, { id: `transcribed:${CallSid}` }));
    return emptyTwiml();
  }
  const read = readWebhook(request, RecordingParams);
  if (!read.ok) return read.response;
  const { CallSid, RecordingUrl, RecordingDuration } = read.params;
  // No recording, or an empty one: the caller hung up at the prompt, and is texted back now.
  const recorded = RecordingUrl && Number(RecordingDuration ?? "0") > 0 ? RecordingUrl : null;
  if ((await settleVoicemailPrompt(CallSid, recorded)) !== "recorded") return emptyTwiml();
  await inngest.send(voicemailRecorded.create({ callSid: CallSid }, { id: `recorded:${CallSid}` }));
  const response = new twilio.twiml.VoiceResponse();
  response.say("Thank you. We'll text you shortly.");
  response.hangup();
  return twiml(response.toString());
}
