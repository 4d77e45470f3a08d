import { startRunsAfterVoicemail } from "../../calls/call-record";
import { inngest } from "../../events/client";
import { voicemailRecorded } from "../../events/schemas";

/**
 * After a voicemail is recorded, wait up to two minutes for Twilio's transcription, then start the
 * call's runs with the transcript, or without it.
 */
export const awaitVoicemailTranscript = inngest.createFunction(
  { id: "await-voicemail-transcript", name: "Wait for a voicemail's transcript", triggers: [voicemailRecorded] },
  async ({ event, step }) => {
    const transcribed = await step.waitForEvent("transcript", {
      event: "call/voicemail.transcribed",
      timeout: "2m",
      if: "async.data.callSid == event.data.callSid",
    });
    return step.run("send-missed-call", () => startRunsAfterVoicemail(event.data.callSid, transcribed?.data.transcript ?? null));
  },
);
