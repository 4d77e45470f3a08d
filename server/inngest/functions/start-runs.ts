import { createRunsForMissedCall } from "../../flows/runtime/start-runs";
import { inngest } from "../client";
import { callMissed, runStart } from "../events";

/**
 * Fans a missed call out to every published flow listening on the number. Deduplicated twice:
 * the event id is the CallSid, and each run's start event id is `<CallSid>:<flowId>`, so a
 * redelivered call starts nothing new. No step: creating the rows and sending is idempotent, so a
 * retried call simply does it again, and the run needs one call to the app instead of a call plus
 * a step checkpoint.
 */
export const startRuns = inngest.createFunction(
  { id: "start-runs", name: "Start runs for a missed call", triggers: [callMissed], retries: 4 },
  async ({ event }) => {
    const runs = await createRunsForMissedCall({
      clientId: event.data.clientId,
      callSid: event.data.callSid,
      from: event.data.from,
      to: event.data.to,
      reason: event.data.reason,
    });
    if (runs.length) {
      await inngest.send(
        runs.map((r) =>
          runStart.create(
            { clientId: event.data.clientId, flowId: r.flowId, flowVersionId: r.flowVersionId, runId: r.id, triggerEventId: event.data.callSid, call: event.data },
            { id: `${event.data.callSid}:${r.flowId}` },
          ),
        ),
      );
    }
    return { runs: runs.map((r) => r.id) };
  },
);
