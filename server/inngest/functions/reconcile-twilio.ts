import { reconcileTwilio } from "../../twilio/reconcile";
import { inngest } from "../../events/client";

/**
 * Every five minutes: fetch from Twilio's API what its webhooks missed while the app was down
 * (server/twilio/reconcile.ts). One run at a time; "now" is the time the run was scheduled for.
 */
export const reconcileTwilioTexts = inngest.createFunction(
  { id: "reconcile-twilio", name: "Reconcile texts with Twilio", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 } },
  async ({ event, step }) => step.run("reconcile", () => reconcileTwilio({ now: new Date(event.ts ?? Date.now()) })),
);
