import { inngest } from "../../events/client";
import { contactOptedOut, runCancel } from "../../events/schemas";
import { recordContactRunsCancelled, recordRunCancelled } from "../../runs/run-cancellation";

/**
 * Inngest cancels the run-flow functions themselves (their cancelOn); these keep run history
 * true: the contact's unfinished runs, or the one run ops cancelled, become "cancelled".
 */
export const markRunsCancelledOnOptOut = inngest.createFunction(
  { id: "mark-runs-cancelled-on-opt-out", name: "Mark a contact's runs cancelled when they opt out", triggers: [contactOptedOut] },
  async ({ event, step }) =>
    step.run("mark-cancelled", async () => ({
      cancelled: await recordContactRunsCancelled({ clientId: event.data.clientId, contactE164: event.data.contactE164, keepRunId: event.data.keepRunId, reason: event.data.reason }),
    })),
);

export const markRunCancelled = inngest.createFunction(
  { id: "mark-run-cancelled", name: "Mark a run cancelled", triggers: [runCancel] },
  async ({ event, step }) =>
    step.run("mark-cancelled", async () => ({ cancelled: await recordRunCancelled({ runId: event.data.runId, reason: event.data.reason }) })),
);
