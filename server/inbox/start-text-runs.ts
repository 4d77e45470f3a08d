import { inngest } from "../events/client";
import { runStart } from "../events/schemas";
import { runLinkFor } from "../flows/runtime/run-setup";
import { createRunsForText, type TextToStart } from "../flows/runtime/start-runs";

/**
 * Starts the "Text received" flow a text starts, if any (see createRunsForText: none while the
 * sender has a run going, whose reply it is). Called by receiveText only for a text that may start
 * something: never for STOP/START/HELP, a revocation, a text flagged for staff, or an opted-out sender.
 *
 * Idempotent like the missed-call start: the (MessageSid, flow) pair is unique and each start
 * event's id is `<MessageSid>:<flowId>`, so a redelivered webhook starts nothing twice.
 */
export async function startRunsForText(text: TextToStart): Promise<{ runIds: string[] }> {
  const { runs, facts } = await createRunsForText(text);
  if (runs.length === 0) return { runIds: [] };
  await inngest.send(
    runs.map((run) =>
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
  );
  return { runIds: runs.map((r) => r.id) };
}
