import { notifyLateDeliveryFailure } from "../../notifications/late-delivery-failure";
import { inngest } from "../../events/client";
import { smsDeliveryFailed } from "../../events/schemas";

/** A flow's text failed after its run went on by "sent": staff are told (once per text, by event id). */
export const tellStaffTextFailedLate = inngest.createFunction(
  { id: "tell-staff-text-failed-late", name: "Tell staff a flow's text did not arrive", triggers: [smsDeliveryFailed] },
  async ({ event, step }) => step.run("notify-staff", () => notifyLateDeliveryFailure(event.data)),
);
