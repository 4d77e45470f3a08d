import { db } from "../../db/client";
import { inngest } from "../../events/client";
import { contactOptedOut, runCancel } from "../../events/schemas";

/**
 * Inngest cancels the run-flow functions themselves (their cancelOn); these keep run history
 * true: the contact's unfinished runs, or the one run ops cancelled, become "cancelled".
 */
export const markRunsCancelledOnOptOut = inngest.createFunction(
  { id: "mark-runs-cancelled-on-opt-out", name: "Mark a contact's runs cancelled when they opt out", triggers: [contactOptedOut] },
  async ({ event, step }) =>
    step.run("mark-cancelled", async () => {
      const { count } = await db.flowRun.updateMany({
        where: {
          clientId: event.data.clientId,
          callerNumber: event.data.contactE164,
          status: { in: ["running", "waiting"] },
          ...(event.data.keepRunId ? { id: { not: event.data.keepRunId } } : {}),
        },
        data: { status: "cancelled", error: `Cancelled: the contact opted out (${event.data.reason ?? "replied STOP"}).`, endedAt: new Date() },
      });
      return { cancelled: count };
    }),
);

export const markRunCancelled = inngest.createFunction(
  { id: "mark-run-cancelled", name: "Mark a run cancelled", triggers: [runCancel] },
  async ({ event, step }) =>
    step.run("mark-cancelled", async () => {
      const { count } = await db.flowRun.updateMany({
        where: { id: event.data.runId, status: { in: ["running", "waiting"] } },
        data: { status: "cancelled", error: event.data.reason, endedAt: new Date() },
      });
      return { cancelled: count };
    }),
);
