import { eventType } from "inngest";
import { z } from "zod";
import type { StartFactsInput } from "../flows/engine/types";

/**
 * The events Ringback sends to Inngest. Webhooks send them; functions are triggered by them.
 * An event's `id` is its dedupe key: `call/missed` uses the CallSid, `sms/received` the MessageSid,
 * so a retried webhook starts nothing twice.
 */
const CallReason = z.enum(["no-answer", "busy", "failed", "canceled", "voicemail"]);
export type CallReason = z.infer<typeof CallReason>;

export const callMissed = eventType("call/missed", {
  schema: z.object({
    clientId: z.string(),
    callId: z.string(),
    callSid: z.string(),
    from: z.string(),
    to: z.string(),
    reason: CallReason,
    /** When the call was missed (ISO). */
    at: z.string(),
    voicemailTranscript: z.string().nullable().optional(),
  }),
});

export const smsReceived = eventType("sms/received", {
  schema: z.object({
    clientId: z.string(),
    messageId: z.string(),
    messageSid: z.string(),
    /** The contact's E.164 number: waiting runs match on it. */
    from: z.string(),
    to: z.string(),
    body: z.string(),
    at: z.string(),
  }),
});

export const smsStatus = eventType("sms/status", {
  schema: z.object({
    clientId: z.string(),
    messageId: z.string(),
    messageSid: z.string(),
    status: z.string(),
    errorCode: z.number().nullable(),
  }),
});

/** A flow's text to a caller failed after Twilio took it (a carrier's 30003/30005/30007, say). */
export const smsDeliveryFailed = eventType("sms/delivery-failed", {
  schema: z.object({ clientId: z.string(), messageId: z.string(), runId: z.string(), reason: z.string() }),
});

export const contactOptedOut = eventType("contact/opted-out", {
  schema: z.object({
    clientId: z.string(),
    contactE164: z.string(),
    at: z.string(),
    /** Why, for run history ("replied STOP", "Twilio 21610 (unsubscribed recipient)"). */
    reason: z.string().optional(),
    /** A run not to cancel ("" for none; always set, so cancelOn's `if` can read it). */
    keepRunId: z.string(),
  }),
});

/** What started a run, as `flow/run.start` carries it (the engine's StartTrigger, unchecked here). */
const RunTrigger = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("missedCall"), call: z.object({ from: z.string(), to: z.string(), reason: CallReason, at: z.string(), voicemailTranscript: z.string().nullable().optional() }) }),
  z.object({ kind: z.literal("textReceived"), message: z.object({ sid: z.string(), body: z.string(), from: z.string(), to: z.string(), receivedAt: z.string() }) }),
]);

export const runStart = eventType("flow/run.start", {
  schema: z.object({
    clientId: z.string(),
    flowId: z.string(),
    flowVersionId: z.string(),
    runId: z.string(),
    /** The CallSid or MessageSid: one run per (trigger event, flow). */
    triggerEventId: z.string(),
    /** What started the run. Absent only in events sent before triggers were a family (they carry `call`). */
    trigger: RunTrigger.optional(),
    /**
     * The person the run is about: concurrency, cancellation and reply waits key on their number.
     * Absent only in events sent before triggers were a family (`call.from` is the number then).
     */
    contact: z.object({ e164: z.string() }).optional(),
    /** The missed call, in events sent before triggers were a family; read only for those. */
    call: callMissed.schema.optional(),
    /**
     * What the run decides from, read when the run was created. Absent only in events sent by the
     * version before it travelled here (the run then reads it in a `load-run` step).
     */
    // Checked by the engine (StartFacts) when the run starts; event schemas take no defaults.
    facts: z.custom<StartFactsInput>((value) => typeof value === "object" && value !== null).optional(),
  }),
});

export const runCancel = eventType("flow/run.cancel", {
  schema: z.object({ runId: z.string(), reason: z.string() }),
});

/** A call ended while still ringing or at the voicemail greeting (server/twilio/webhooks/call-status.ts). */
export const callEnded = eventType("call/ended", { schema: z.object({ callSid: z.string() }) });
/** Call.status values of a call that ended with no callback deciding it: "ringing", "voicemail" (greeting). */
export const unfinishedCallStatuses: ReadonlySet<string> = new Set(["ringing", "voicemail"]);

/** A voicemail was recorded; its transcription may follow (server/inngest/functions/voicemail.ts). */
export const voicemailRecorded = eventType("call/voicemail.recorded", { schema: z.object({ callSid: z.string() }) });

export const voicemailTranscribed = eventType("call/voicemail.transcribed", {
  schema: z.object({ callSid: z.string(), transcript: z.string().nullable() }),
});
