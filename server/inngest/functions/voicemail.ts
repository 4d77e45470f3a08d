import { db } from "../../db/client";
import { startRunsForMissedCall } from "../../calls/start-runs";
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
    return step.run("send-missed-call", async () => {
      const call = await db.call.findUniqueOrThrow({ where: { callSid: event.data.callSid } });
      const transcript = transcribed?.data.transcript ?? call.transcript ?? null;
      await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid: call.callSid, from: call.fromNumber, to: call.toNumber, reason: "voicemail", at: call.createdAt.toISOString(), voicemailTranscript: transcript });
      return { transcript };
    });
  },
);
