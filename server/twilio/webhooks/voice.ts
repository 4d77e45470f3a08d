import twilio from "twilio";
import { db } from "../../db/client";
import { env } from "../../env";
import { inngest } from "../../events/client";
import { startRunsForMissedCall } from "../../calls/start-runs";
import { nameContactFromCallerId } from "../../contacts/contact-name";
import { voicemailRecorded, voicemailTranscribed } from "../../events/schemas";
import { DialResultParams, IncomingCallParams, RecordingParams, TranscriptionParams } from "../webhook-schemas";
import { emptyTwiml, readWebhook, twiml, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * Calls: forward to the business's phone; when nobody answers, record a voicemail if the number
 * takes them, and start the flows once per CallSid (runs are unique per call and flow, and their
 * start events' ids say so, so a retried webhook starts nothing twice).
 */
const base = () => env.PUBLIC_BASE_URL.replace(/\/$/, "");
const MISSED = new Set(["busy", "no-answer", "failed", "canceled"]);

type BusinessNumber = { id: string; clientId: string; forwardTo: string; ringTimeoutSeconds: number; voicemailEnabled: boolean; businessName: string; mode: "dial" | "forwarded" };

/** The number and its (not archived) business, in one round trip: webhooks are the hot path. */
async function numberFor(e164: string): Promise<BusinessNumber | null> {
  const rows = await db.$queryRaw<BusinessNumber[]>`
    SELECT n."id", n."clientId", n."forwardTo", n."ringTimeoutSeconds", n."voicemailEnabled", c."businessName", n."mode"::text AS "mode"
    FROM "PhoneNumber" n JOIN "Client" c ON c."id" = n."clientId"
    WHERE n."e164" = ${e164} AND c."archivedAt" IS NULL`;
  return rows[0] ?? null;
}

export async function handleVoice(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, IncomingCallParams);
  if (!read.ok) return read.response;
  const { CallSid, From, To, ForwardedFrom, CallerName } = read.params;
  const number = await numberFor(To);
  if (!number) {
    console.warn(`[twilio] call ${CallSid} to ${To}: no business has this number; answering empty TwiML.`);
    return emptyTwiml();
  }
  // A caller we know but nobody named yet gets the name their number's lookup gave; only a missed
  // call (settleDial) makes a new caller a contact.
  if (CallerName) await nameContactFromCallerId({ clientId: number.clientId, e164: From, callerName: CallerName, create: false });
  // One statement: a retried webhook finds its Call already there and changes nothing.
  await db.$executeRaw`
    INSERT INTO "Call" ("id", "clientId", "phoneNumberId", "contactId", "callSid", "fromNumber", "toNumber", "status", "missed", "createdAt", "updatedAt")
    VALUES (${`ca_${crypto.randomUUID()}`}, ${number.clientId}, ${number.id},
      (SELECT "id" FROM "Contact" WHERE "clientId" = ${number.clientId} AND "e164" = ${From}),
      ${CallSid}, ${From}, ${To}, 'ringing', false, now(), now())
    ON CONFLICT ("callSid") DO NOTHING`;
  // The business's own line forwarded this call because nobody answered it ("keep your existing
  // line"): it is missed already, and dialing that line again would only loop the call back here.
  if (number.mode === "forwarded" || (ForwardedFrom && ForwardedFrom === number.forwardTo)) {
    return settleDial({ CallSid, From, To, CallerName, DialCallStatus: "no-answer" });
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
async function settleDial({ CallSid, From, To, CallerName, DialCallStatus }: Pick<typeof DialResultParams._output, "CallSid" | "From" | "To" | "CallerName" | "DialCallStatus">): Promise<WebhookResponse> {
  const answered = !MISSED.has(DialCallStatus);
  const reason = DialCallStatus as "busy" | "no-answer" | "failed" | "canceled";
  // One statement, on the webhook's critical path: the Call of a number whose business is not
  // archived is updated, and read back with what the answer needs. No row: an unknown call.
  const [call] = await db.$queryRaw<{ id: string; createdAt: Date; clientId: string; voicemail: boolean; businessName: string }[]>`
    WITH target AS (
      SELECT c."id", (NOT ${answered} AND n."voicemailEnabled" AND ${reason} <> 'canceled') AS "voicemail", n."clientId", cl."businessName"
      FROM "Call" c, "PhoneNumber" n JOIN "Client" cl ON cl."id" = n."clientId"
      WHERE c."callSid" = ${CallSid} AND n."e164" = ${To} AND cl."archivedAt" IS NULL
    )
    UPDATE "Call" c SET
      "dialStatus" = ${DialCallStatus},
      "status" = CASE WHEN ${answered} THEN 'answered' WHEN t."voicemail" THEN 'voicemail' ELSE 'missed' END,
      "missed" = CASE WHEN ${answered} THEN c."missed" ELSE true END,
      "reason" = CASE WHEN ${answered} THEN c."reason" WHEN t."voicemail" THEN 'voicemail' ELSE ${reason} END,
      "updatedAt" = now()
    FROM target t
    WHERE c."id" = t."id"
    RETURNING c."id", c."createdAt", t."clientId", t."voicemail", t."businessName"`;
  if (!call) {
    console.warn(`[twilio] dial result for unknown call ${CallSid} to ${To}; answering empty TwiML.`);
    return emptyTwiml();
  }
  if (answered) return twiml(new twilio.twiml.VoiceResponse().toString());
  // Before the runs start, so their facts (read then) greet the caller by the name the lookup gave.
  if (CallerName) await nameContactFromCallerId({ clientId: call.clientId, e164: From, callerName: CallerName, create: true });
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
  await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid: CallSid, from: From, to: To, reason, at: call.createdAt.toISOString(), voicemailTranscript: null });
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
    const call = await db.call.findUnique({ where: { callSid: CallSid } });
    if (!call) return emptyTwiml();
    const transcript = TranscriptionStatus === "completed" ? TranscriptionText.trim() : "";
    await db.call.update({ where: { callSid: CallSid }, data: { transcript: transcript || null } });
    await inngest.send(voicemailTranscribed.create({ callSid: CallSid, transcript: transcript || null }, { id: `transcribed:${CallSid}` }));
    return emptyTwiml();
  }
  const read = readWebhook(request, RecordingParams);
  if (!read.ok) return read.response;
  const { CallSid, RecordingUrl, RecordingDuration } = read.params;
  const call = await db.call.findUnique({ where: { callSid: CallSid } });
  if (!call) return emptyTwiml();
  if (!RecordingUrl || Number(RecordingDuration ?? "0") === 0) {
    // Hung up at the prompt: no voicemail to wait for, text back now.
    const reason = (call.dialStatus ?? "no-answer") as "busy" | "no-answer" | "failed";
    await db.call.update({ where: { callSid: CallSid }, data: { status: "missed", reason } });
    await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid: CallSid, from: call.fromNumber, to: call.toNumber, reason, at: call.createdAt.toISOString(), voicemailTranscript: null });
    return emptyTwiml();
  }
  await db.call.update({ where: { callSid: CallSid }, data: { voicemailUrl: RecordingUrl } });
  await inngest.send(voicemailRecorded.create({ callSid: CallSid }, { id: `recorded:${CallSid}` }));
  const response = new twilio.twiml.VoiceResponse();
  response.say("Thank you. We'll text you shortly.");
  response.hangup();
  return twiml(response.toString());
}
