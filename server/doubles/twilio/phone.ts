import { postSigned } from "./messages-api";
import { newSid, type FakeCall, type FakeMessage, type FakeTwilioState } from "./state";

/**
 * The fake's telephone: places a call that walks the app's real TwiML (voice → <Dial action> with
 * the chosen outcome → <Record> callbacks with a transcript → the call's status callback when it
 * ends, as the number's "call status changes" URL is set to /api/twilio/call-status), and sends
 * inbound texts to the app's SMS webhook — all signed, as Twilio would.
 */
export interface PhoneOptions {
  accountSid: string;
  authToken: string;
  appBaseUrl: string;
  /** Like Twilio's Advanced Opt-Out: STOP/START/HELP carry an OptOutType. Off by default. */
  advancedOptOut: boolean;
}

export type CallOutcome = "completed" | "no-answer" | "busy" | "failed" | "canceled";

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&");
const tagOf = (xml: string, name: string) => xml.match(new RegExp(`<${name}\\b[^>]*>`))?.[0];

export interface PlaceCallInput {
  from: string;
  to: string;
  outcome: CallOutcome;
  /** What the caller says after the tone; null/absent: they hang up at the tone, leaving nothing. */
  voicemail?: string | null;
  /**
   * "ringing": the caller hangs up before the forwarded call ends (no <Dial> result is requested);
   * "greeting": while the voicemail greeting plays, before <Record> starts.
   */
  hangUpAt?: "ringing" | "greeting" | null;
  /** false: Twilio's transcription callback does not come (yet); a test can post it later. */
  transcribe?: boolean;
  /** The line that forwarded the call here (a business's "forward on no answer"): Twilio's ForwardedFrom. */
  forwardedFrom?: string | null;
  /** What a caller-name lookup found: Twilio's CallerName, sent on every webhook of the call. */
  callerName?: string | null;
}

export async function placeCall(state: FakeTwilioState, options: PhoneOptions, input: PlaceCallInput) {
  const call: FakeCall = { sid: newSid("CA"), from: input.from, to: input.to, outcome: input.outcome, steps: [] };
  state.calls.push(call);
  const base: Record<string, string> = { CallSid: call.sid, AccountSid: options.accountSid, From: input.from, To: input.to, Direction: "inbound", ApiVersion: "2010-04-01" };
  if (input.forwardedFrom) base.ForwardedFrom = input.forwardedFrom;
  if (input.callerName) base.CallerName = input.callerName;
  const step = async (url: string, params: Record<string, string>) => {
    const result = await postSigned(url, params, options.authToken);
    call.steps.push({ request: url, status: result.status, twiml: result.body });
    return result;
  };

  await walkTwiml(call, input, base, step, options, state.webhookFor(input.to, "voiceUrl", `${options.appBaseUrl}/api/twilio/voice`));
  // The call is over, however it went: Twilio tells the number's status callback.
  await step(state.webhookFor(input.to, "statusCallback", `${options.appBaseUrl}/api/twilio/call-status`), { ...base, CallStatus: "completed", CallDuration: "12" });
  return call;
}

async function walkTwiml(
  call: FakeCall,
  input: PlaceCallInput,
  base: Record<string, string>,
  step: (url: string, params: Record<string, string>) => Promise<{ status: number; body: string }>,
  options: PhoneOptions,
  voiceUrl: string,
) {
  const voice = await step(voiceUrl, { ...base, CallStatus: "ringing" });
  const dial = tagOf(voice.body, "Dial");
  const action = dial && attr(dial, "action");
  if (dial && (!action || input.hangUpAt === "ringing")) return;
  // No <Dial> (a number the business forwards unanswered calls to): the answer itself may record.
  const result = action ? await step(action, { ...base, CallStatus: "in-progress", DialCallStatus: input.outcome, DialCallDuration: "0" }) : voice;
  const record = tagOf(result.body, "Record");
  // Hanging up during the greeting (<Say>) ends the call before <Record>: no recording action.
  if (!record || input.hangUpAt === "greeting") return;
  const recordAction = attr(record, "action");
  if (input.voicemail == null) {
    // The caller hangs up at the prompt: Twilio still requests the action, with nothing recorded.
    if (recordAction) await step(recordAction, { ...base, CallStatus: "completed", RecordingDuration: "0" });
    return;
  }
  const recordingSid = newSid("RE");
  const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${options.accountSid}/Recordings/${recordingSid}`;
  if (recordAction) await step(recordAction, { ...base, CallStatus: "completed", RecordingUrl: recordingUrl, RecordingSid: recordingSid, RecordingDuration: "7" });
  const transcribeCallback = attr(record, "transcribeCallback");
  if (transcribeCallback && input.transcribe !== false) {
    await step(transcribeCallback, {
      CallSid: call.sid,
      AccountSid: options.accountSid,
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl,
      TranscriptionSid: `TR${recordingSid.slice(2)}`,
      TranscriptionStatus: "completed",
      TranscriptionText: input.voicemail,
    });
  }
}

const OPT_OUT: Record<string, string> = { STOP: "STOP", STOPALL: "STOP", UNSUBSCRIBE: "STOP", CANCEL: "STOP", END: "STOP", QUIT: "STOP", START: "START", UNSTOP: "START", YES: "START", HELP: "HELP" };

export async function sendInboundSms(state: FakeTwilioState, options: PhoneOptions, input: { from: string; to: string; body: string }) {
  const sid = newSid("SM");
  state.messages.push(textOnThePhone({ sid, direction: "inbound", from: input.from, to: input.to, body: input.body, status: "received" }));
  const optOutType = options.advancedOptOut ? OPT_OUT[input.body.trim().toUpperCase()] : undefined;
  const result = await postSigned(state.webhookFor(input.to, "smsUrl", `${options.appBaseUrl}/api/twilio/sms`), {
    MessageSid: sid,
    SmsSid: sid,
    AccountSid: options.accountSid,
    From: input.from,
    To: input.to,
    Body: input.body,
    NumMedia: "0",
    ApiVersion: "2010-04-01",
    ...(optOutType ? { OptOutType: optOutType } : {}),
  }, options.authToken);
  // A <Message> in the answer is a reply Twilio sends back to the texter.
  const reply = result.body.match(/<Message[^>]*>([\s\S]*?)<\/Message>/)?.[1]?.replaceAll("&apos;", "'").replaceAll("&amp;", "&");
  if (reply) state.messages.push(textOnThePhone({ sid: newSid("SM"), direction: "outbound-api", from: input.to, to: input.from, body: reply, status: "delivered" }));
  return { sid, status: result.status, reply: reply ?? null };
}

/** A text that never went through the Messages API (an inbound one, or a TwiML <Message> reply). */
function textOnThePhone(m: Pick<FakeMessage, "sid" | "direction" | "from" | "to" | "body" | "status">): FakeMessage {
  return { ...m, errorCode: null, numSegments: 1, statusCallback: null, messagingServiceSid: null, validityPeriod: null, dateCreated: new Date().toISOString() };
}
