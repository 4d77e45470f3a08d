import { inngest } from "../events/client";
import { runStart } from "../events/schemas";
import { createRunsForMissedCall } from "../flows/runtime/start-runs";
import { runLinkFor } from "../flows/runtime/run-setup";
import type { StartCall } from "../flows/runtime/run-setup";

/** A call that went unanswered, as the voice webhooks and the voicemail/unfinished-call functions decide it. */
export interface MissedCall extends StartCall {
  clientId: string;
  callId: string;
  callSid: string;
}

/**
 * Starts the flows for a missed call, where the call was decided missed: one FlowRun per published
 * flow listening on the number, and one `flow/run.start` per run carrying the facts the run decides
 * from. One engine hop per call (there used to be a `call/missed` → `start-runs` function in
 * between, a serve call per missed call) and no `load-run` step in the run.
 *
 * Idempotent, so a redelivered webhook or a retried step may call it again: the (trigger event,
 * flow) pair is unique, and each start event's id is `<CallSid>:<flowId>`, the engine's dedupe key.
 * Throws when the database or the engine cannot be reached; the caller answers 5xx (Twilio
 * retries) or lets its step retry.
 */
export async function startRunsForMissedCall(call: MissedCall): Promise<{ runIds: string[] }> {
  const { runs, facts } = await createRunsForMissedCall(call);
  if (runs.length === 0) return { runIds: [] };
  await inngest.send(
    runs.map((run) =>
      runStart.create(
        {
          clientId: call.clientId,
          flowId: run.flowId,
          flowVersionId: run.flowVersionId,
          runId: run.id,
          triggerEventId: call.callSid,
          trigger: { kind: "missedCall", call: { from: call.from, to: call.to, reason: call.reason, at: call.at, voicemailTranscript: call.voicemailTranscript ?? null } },
          contact: { e164: call.from },
          facts: { ...facts, runLink: runLinkFor(call.clientId, run.id) },
        },
        { id: `${call.callSid}:${run.flowId}` },
      ),
    ),
  );
  return { runIds: runs.map((r) => r.id) };
}
