import { db } from "../../db/client";
import { inngest } from "../client";
import { callEnded, callMissed } from "../events";

/**
 * A call that ended at the voicemail greeting, before <Record> (server/twilio/webhooks/call-status.ts).
 * Twilio's recording action and the call's status callback race, so wait a little: if a recording
 * arrives, the voicemail function sends the call's `call/missed` with its transcript; otherwise
 * this sends it. Either way the id is the CallSid, so the caller is texted once.
 */
export const RECORDING_GRACE = "20s";

export const textBackUnfinishedCall = inngest.createFunction(
  { id: "text-back-unfinished-call", name: "Text back a caller who hung up at the voicemail greeting", triggers: [callEnded] },
  async ({ event, step }) => {
    await step.sleep("recording-grace", RECORDING_GRACE);
    return step.run("send-missed-call", async () => {
      const call = await db.call.findUniqueOrThrow({ where: { callSid: event.data.callSid } });
      if (call.voicemailUrl || call.status !== "voicemail") return { sent: false };
      const reason = (call.dialStatus ?? "no-answer") as "busy" | "no-answer" | "failed";
      await db.call.update({ where: { id: call.id }, data: { status: "missed", reason } });
      await inngest.send(
        callMissed.create(
          { clientId: call.clientId, callId: call.id, callSid: call.callSid, from: call.fromNumber, to: call.toNumber, reason, at: call.createdAt.toISOString(), voicemailTranscript: null },
          { id: call.callSid },
        ),
      );
      return { sent: true, reason };
    });
  },
);
