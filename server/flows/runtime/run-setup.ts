import { BookingSettings, ClientSchedule } from "../../clients/settings-schemas";
import { formatPhone } from "../../clients/phone";
import { db } from "../../db/client";
import { env } from "../../env";
import type { StartFactsInput } from "../engine";
import { FlowGraph } from "../model";

/**
 * Everything a run needs at its start, read once: the pinned version's graph and the facts the
 * engine decides from (so conditions need no lookup steps of their own).
 */
export async function loadRunSetup(runId: string) {
  const run = await db.flowRun.findUnique({ where: { id: runId }, include: { flowVersion: true, client: true } });
  if (!run) throw new Error(`Run ${runId} does not exist.`);
  const call = await db.call.findFirst({ where: { callSid: run.triggerEventId } });
  const callerE164 = run.callerNumber ?? call?.fromNumber;
  if (!callerE164) throw new Error(`Run ${runId} has no caller number.`);
  const callAt = call?.createdAt ?? run.startedAt;
  const contact = await db.contact.findUnique({
    where: { clientId_e164: { clientId: run.clientId, e164: callerE164 } },
    include: { leads: { where: { status: "open" }, select: { id: true }, take: 1 } },
  });
  // "Known before this call": the contact existed before the call came in.
  const existing = !!contact && contact.createdAt.getTime() < callAt.getTime() - 1000;
  const client = run.client;
  const facts: StartFactsInput = {
    call: {
      from: callerE164,
      to: call?.toNumber ?? "",
      reason: (call?.reason as StartFactsInput["call"]["reason"]) ?? "no-answer",
      at: callAt.toISOString(),
      voicemailTranscript: call?.transcript ?? null,
    },
    contact: {
      existing,
      firstName: contact?.firstName ?? null,
      name: contact?.name ?? null,
      tags: contact?.tags ?? [],
      hasOpenLead: (contact?.leads.length ?? 0) > 0,
    },
    business: { name: client.businessName, phone: call?.toNumber ? formatPhone(call.toNumber) : null },
    schedule: ClientSchedule.parse({
      timezone: client.timezone,
      businessHours: client.businessHours,
      closures: client.closures,
      quietHours: client.quietHours ?? null,
    }),
    booking: BookingSettings.parse(client.bookingSettings),
    runLink: `${env.PUBLIC_BASE_URL}/clients/${client.id}/runs/${run.id}`,
  };
  return { runId: run.id, clientId: run.clientId, flowId: run.flowId, graph: FlowGraph.parse(run.flowVersion.graph), facts };
}
