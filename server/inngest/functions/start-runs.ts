import { startRunsForMissedCall } from "../../calls/start-runs";
import { inngest } from "../../events/client";
import { callMissed } from "../../events/schemas";

/**
 * Kept for `call/missed` events sent by the previous version and not yet processed when this one
 * was rolled out: the webhooks now start the runs themselves (server/calls/start-runs.ts), so nothing
 * sends `call/missed` any more. Remove once no deployment can hold such an event.
 */
export const startRuns = inngest.createFunction(
  { id: "start-runs", name: "Start runs for a missed call (previous version's events)", triggers: [callMissed], retries: 4 },
  async ({ event }) => startRunsForMissedCall(event.data),
);
