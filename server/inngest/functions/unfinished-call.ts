import { settleUnfinishedCall } from "../../calls/call-record";
import { inngest } from "../../events/client";
import { callEnded } from "../../events/schemas";

/**
 * A call that ended still ringing, or at the voicemail greeting before <Record>
 * (server/twilio/webhooks/call-status.ts). Twilio's other callbacks and the status callback race,
 * so wait a little: if the <Dial> result or a recording arrives, its handler decides as usual (an
 * answered call texts nobody; a recording's `call/missed` carries the transcript); otherwise this
 * starts the call's runs. Runs are unique per call and flow, so the caller is texted once.
 */
export const RECORDING_GRACE = "20s";

export const textBackUnfinishedCall = inngest.createFunction(
  { id: "text-back-unfinished-call", name: "Text back a caller who hung up while ringing or at the voicemail greeting", triggers: [callEnded] },
  async ({ event, step }) => {
    await step.sleep("recording-grace", RECORDING_GRACE);
    return step.run("send-missed-call", () => settleUnfinishedCall(event.data.callSid));
  },
);
