import { db } from "../../db/client";
import { triggerMatches } from "../engine";
import { MissedCallConfig, StoredFlowGraph } from "../model";

export interface MissedCall {
  clientId: string;
  callSid: string;
  from: string;
  to: string;
  reason: "no-answer" | "busy" | "failed" | "canceled" | "voicemail";
}

/**
 * Creates one FlowRun per published flow of the client whose trigger listens on the called number
 * and reason, each pinned to the flow's current version. The (trigger event, flow) pair is unique,
 * so a redelivered event creates nothing new; the runs that exist are returned either way.
 */
export async function createRunsForMissedCall(call: MissedCall) {
  const flows = await db.flow.findMany({
    where: { clientId: call.clientId, archivedAt: null, activeVersionId: { not: null } },
    include: { activeVersion: true },
  });
  const matching = flows.filter((f) => {
    const graph = StoredFlowGraph.parse(f.activeVersion!.graph);
    const trigger = graph.nodes.find((n) => n.kind === "trigger.missedCall");
    return trigger && triggerMatches(MissedCallConfig.parse(trigger.config), { to: call.to, reason: call.reason });
  });
  if (matching.length === 0) return [];
  await db.flowRun.createMany({
    data: matching.map((f) => ({
      clientId: call.clientId,
      flowId: f.id,
      flowVersionId: f.activeVersionId!,
      triggerEventId: call.callSid,
      callerNumber: call.from,
      status: "running" as const,
    })),
    skipDuplicates: true,
  });
  return db.flowRun.findMany({
    where: { triggerEventId: call.callSid, flowId: { in: matching.map((f) => f.id) } },
    select: { id: true, flowId: true, flowVersionId: true },
  });
}
