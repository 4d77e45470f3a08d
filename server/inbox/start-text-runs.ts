import { inngest } from "../events/client";
import { runStart, smsReceived } from "../events/schemas";
import { runLinkFor } from "../flows/runtime/run-setup";
import { createRunsForText, type TextToStart } from "../flows/runtime/start-runs";

/**
 * Hands a text on: as the reply of a run waiting for this contact (the `sms/received` event), or to
 * the "Text received" flow it starts, if any. Whether it starts one is decided first, from what the
 * sender had going when the text came (createRunsForText: nothing while they have a run running or
 * waiting, whose reply it is); only then does the reply go out. The other way round, a run that took
 * the reply and finished before the decision left the sender with nothing going, and their reply
 * started a second run. Called by receiveText only for a text that may start something: never for
 * STOP/START/HELP, a revocation, a text flagged for staff, or an opted-out sender.
 *
 * Idempotent like the missed-call start: the (MessageSid, flow) pair is unique, the reply event's id
 * is the MessageSid and each start event's id `<MessageSid>:<flowId>`, so a redelivered webhook
 * starts nothing twice. One send for both, so the engine gets the reply and the starts together.
 */
export async function startRunsForText(text: TextToStart, reply: SmsReceivedEvent): Promise<{ runIds: string[] }> {
  const { runs, facts } = await createRunsForText(text);
  await inngest.send([
    reply,
    ...runs.map((run) =>
      runStart.create(
        {
          clientId: text.clientId,
          flowId: run.flowId,
          flowVersionId: run.flowVersionId,
          runId: run.id,
          triggerEventId: text.sid,
          trigger: { kind: "textReceived", message: { sid: text.sid, body: text.body, from: text.from, to: text.to, receivedAt: text.receivedAt } },
          contact: { e164: text.from },
          facts: { ...facts, runLink: runLinkFor(text.clientId, run.id) },
        },
        { id: `${text.sid}:${run.flowId}` },
      ),
    ),
  ]);
  return { runIds: runs.map((r) => r.id) };
}

type SmsReceivedEvent = ReturnType<typeof smsReceived.create>;
