import { markRunCancelled, markRunsCancelledOnOptOut } from "./cancel-runs";
import { tellStaffTextFailedLate } from "./delivery-failed";
import { reconcileTwilioTexts } from "./reconcile-twilio";
import { runFlow } from "./run-flow";
import { startRuns } from "./start-runs";
import { textBackUnfinishedCall } from "./unfinished-call";
import { awaitVoicemailTranscript } from "./voicemail";

/** Every function the app serves at /api/inngest. */
export const functions = [startRuns, runFlow, markRunsCancelledOnOptOut, markRunCancelled, awaitVoicemailTranscript, textBackUnfinishedCall, tellStaffTextFailedLate, reconcileTwilioTexts];
