import { db } from "../db/client";
import { defaultSmsTransport } from "../messaging/default-transport";
import type { SmsTransport } from "../messaging/transport";
import { notifyStaff } from "./notify-staff";

/**
 * A carrier's late verdict on a flow's text (30003 unreachable, 30005 unknown number, 30007 filtered…)
 * arrives by status callback after the run took its "sent" branch, perhaps after it ended. The run
 * cannot change course any more, so the people who can act are told: in the app, and by text or
 * email per each staff member's settings. The run's page shows it too (run-service's getRun).
 */
export async function notifyLateDeliveryFailure(options: { clientId: string; messageId: string; runId: string; reason: string; transport?: SmsTransport }) {
  const message = await db.message.findFirst({ where: { id: options.messageId, clientId: options.clientId }, include: { contact: { select: { name: true } } } });
  if (!message) return { notified: false, why: "the text no longer exists" };
  const run = await db.flowRun.findFirst({ where: { id: options.runId, clientId: options.clientId }, include: { flow: { select: { name: true } } } });
  const who = message.contact?.name ? `${message.contact.name} (${message.toNumber})` : message.toNumber;
  await notifyStaff({
    clientId: options.clientId,
    runId: options.runId,
    nodeId: message.nodeId ?? "delivery",
    stepId: `delivery-failed:${message.id}`,
    title: "A text did not arrive",
    body: `Ringback's text to ${who}${run ? ` from the flow "${run.flow.name}"` : ""} did not arrive: ${options.reason} The flow went on as if it had; call them instead.`,
    channels: ["inApp", "sms", "email"],
    transport: options.transport ?? defaultSmsTransport(),
  });
  return { notified: true };
}
