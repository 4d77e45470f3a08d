import { db } from "../../db/client";
import { upsertContactByPhone } from "../../leads/contact-upsert";
import { StoredFlowGraph, MissedCallConfig } from "../model";
import { selectFlowForCall, type LiveFlow } from "./select-flows";

export interface MissedCall {
  clientId: string;
  callSid: string;
  from: string;
  to: string;
  reason: "no-answer" | "busy" | "failed" | "canceled" | "voicemail";
}

/** The client's published, unarchived flows with their live trigger, for select-flows. */
export async function loadLiveFlows(clientId: string): Promise<(LiveFlow & { flowVersionId: string })[]> {
  const flows = await db.flow.findMany({
    where: { clientId, archivedAt: null, activeVersionId: { not: null } },
    include: { activeVersion: { select: { graph: true } } },
  });
  return flows.flatMap((f) => {
    const trigger = StoredFlowGraph.parse(f.activeVersion!.graph).nodes.find((n) => n.kind === "trigger.missedCall");
    if (!trigger) return [];
    return [{ id: f.id, name: f.name, priority: f.priority, createdAt: f.createdAt, trigger: MissedCallConfig.parse(trigger.config), flowVersionId: f.activeVersionId! }];
  });
}

/**
 * Creates the FlowRun for the one live flow that answers this call (select-flows: the first in the
 * owner's order whose trigger listens on the number and reason), pinned to its current version. The
 * (trigger event, flow) pair is unique, so a redelivered event creates nothing new; the run that
 * exists for the call is returned either way, even if the order changed in between.
 */
export async function createRunsForMissedCall(call: MissedCall) {
  const existing = await db.flowRun.findMany({ where: { triggerEventId: call.callSid, clientId: call.clientId }, select: { id: true, flowId: true, flowVersionId: true } });
  if (existing.length) return existing;
  const chosen = selectFlowForCall(await loadLiveFlows(call.clientId), { to: call.to, reason: call.reason });
  if (!chosen) return [];
  // The run belongs to its caller from the start, so Contacts shows every run, not only those that made a lead.
  // Race-safe (INSERT … ON CONFLICT): the webhooks of many calls from one caller run at once, and a
  // webhook that lost a Prisma upsert race answered 500.
  const contact = await upsertContactByPhone({ clientId: call.clientId, e164: call.from });
  await db.flowRun.createMany({
    data: [
      { clientId: call.clientId, flowId: chosen.id, flowVersionId: chosen.flowVersionId, triggerEventId: call.callSid, callerNumber: call.from, contactId: contact.id, status: "running" as const },
    ],
    skipDuplicates: true,
  });
  return db.flowRun.findMany({ where: { triggerEventId: call.callSid, clientId: call.clientId }, select: { id: true, flowId: true, flowVersionId: true } });
}
