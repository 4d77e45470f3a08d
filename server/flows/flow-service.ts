import type { Viewer } from "../auth/access";
import { db, Prisma } from "../db/client";
import { AppError, notFound } from "../errors";
import { hasErrors, validate } from "./engine";
import { defaultConfigOf, FlowGraph, isTrigger, sameGraph, triggerNodeOf, starterFlow, StoredFlowGraph, type StarterId } from "./model";
import { inRunOrder, liveTriggerOf, overlappingFlows, type LiveFlow } from "./runtime/select-flows";
import { loadLiveFlows } from "./runtime/start-runs";

/**
 * Flows: a draft graph anyone allowed may edit (saved with an optimistic revision check), and
 * immutable published versions that runs pin to. Publishing requires a valid graph.
 */
const DAY = 86_400_000;
/** A blank canvas still starts with its trigger: the palette does not offer one (a flow has exactly one). */
const blankGraph = (): FlowGraph => ({
  nodes: [{ id: "trigger", kind: "trigger.missedCall", label: "Missed call", position: { x: 0, y: 0 }, config: defaultConfigOf("trigger.missedCall") }],
  edges: [],
});
const asJson = (graph: FlowGraph) => graph as unknown as Prisma.InputJsonValue;

async function findFlow(clientId: string, flowId: string) {
  const flow = await db.flow.findFirst({ where: { id: flowId, clientId, archivedAt: null } });
  if (!flow) throw notFound("That flow");
  return flow;
}

export type FlowState = { kind: "draft" } | { kind: "published"; version: number } | { kind: "draftAhead"; version: number };

function triggerNumbers(graph: FlowGraph): string[] | "all" {
  const trigger = triggerNodeOf(graph.nodes);
  const numbers = (trigger?.config as { numbers?: string[] } | undefined)?.numbers ?? [];
  return numbers.length ? numbers : "all";
}

export async function listFlows({ clientId, now = new Date() }: { clientId: string; now?: Date }) {
  const flows = await db.flow.findMany({
    where: { clientId, archivedAt: null },
    // The run order: of the live flows that listen for a call, the first one answers it.
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    include: { activeVersion: { select: { number: true, graph: true } } },
  });
  const ids = flows.map((f) => f.id);
  const [recent, last] = await Promise.all([
    db.flowRun.groupBy({ by: ["flowId"], where: { flowId: { in: ids }, startedAt: { gte: new Date(now.getTime() - 7 * DAY) } }, _count: true }),
    db.flowRun.groupBy({ by: ["flowId"], where: { flowId: { in: ids } }, _max: { startedAt: true } }),
  ]);
  const live = flows.flatMap((f) => (f.activeVersion ? [liveFlowOf(f, StoredFlowGraph.parse(f.activeVersion.graph))] : []));
  return flows.map((f) => {
    const draft = StoredFlowGraph.parse(f.draftGraph);
    const published = f.activeVersion ? StoredFlowGraph.parse(f.activeVersion.graph) : null;
    const state: FlowState = !f.activeVersion
      ? { kind: "draft" }
      : sameGraph(published, draft)
        ? { kind: "published", version: f.activeVersion.number }
        : { kind: "draftAhead", version: f.activeVersion.number };
    return {
      id: f.id,
      name: f.name,
      state,
      triggerNumbers: triggerNumbers(published ?? draft),
      /** 1-based place among the live flows (null for drafts), and the live flows this one competes with. */
      order: f.activeVersion ? live.findIndex((l) => l.id === f.id) + 1 : null,
      overlaps: f.activeVersion ? overlappingFlows(live.find((l) => l.id === f.id)!, live).map((o) => ({ id: o.id, name: o.name })) : [],
      lastRunAt: last.find((r) => r.flowId === f.id)?._max.startedAt ?? null,
      runs7d: recent.find((r) => r.flowId === f.id)?._count ?? 0,
      updatedAt: f.updatedAt,
    };
  });
}

function liveFlowOf(f: { id: string; name: string; priority: number; createdAt: Date }, graph: FlowGraph): LiveFlow {
  const trigger = liveTriggerOf(triggerNodeOf(graph.nodes)) ?? liveTriggerOf({ kind: "trigger.missedCall" })!;
  return { id: f.id, name: f.name, priority: f.priority, createdAt: f.createdAt, trigger };
}

export async function getFlow({ clientId, flowId }: { clientId: string; flowId: string }) {
  const flow = await findFlow(clientId, flowId);
  const active = flow.activeVersionId ? await db.flowVersion.findUnique({ where: { id: flow.activeVersionId } }) : null;
  const graph = StoredFlowGraph.parse(flow.draftGraph);
  return {
    id: flow.id,
    clientId: flow.clientId,
    name: flow.name,
    graph,
    revision: flow.draftRevision,
    activeVersion: active ? { id: active.id, number: active.number, graph: StoredFlowGraph.parse(active.graph) } : null,
    issues: validate(graph),
    updatedAt: flow.updatedAt,
  };
}

export async function createFlow(options: { clientId: string; name: string; starter: StarterId | null; actorId: string }) {
  const graph = options.starter ? starterFlow(options.starter).graph : blankGraph();
  const flow = await db.flow.create({
    data: { clientId: options.clientId, name: options.name, draftGraph: asJson(graph), updatedById: options.actorId },
  });
  return { id: flow.id };
}

/** Saves the draft if nobody saved since `baseRevision`; otherwise CONFLICT, and nothing is lost. */
export async function saveDraft(options: { clientId: string; flowId: string; graph: FlowGraph; baseRevision: number; actorId: string }) {
  await findFlow(options.clientId, options.flowId);
  const { count } = await db.flow.updateMany({
    where: { id: options.flowId, clientId: options.clientId, draftRevision: options.baseRevision },
    data: { draftGraph: asJson(options.graph), draftRevision: { increment: 1 }, updatedById: options.actorId },
  });
  if (count === 0) {
    const current = await db.flow.findUniqueOrThrow({ where: { id: options.flowId } });
    const by = current.updatedById ? await db.user.findUnique({ where: { id: current.updatedById }, select: { name: true } }) : null;
    throw new AppError(
      "CONFLICT",
      `${by?.name ?? "Someone"} saved this flow while you were editing. Reload to see their version, or keep yours and overwrite theirs.`,
      { revision: current.draftRevision },
    );
  }
  return { revision: options.baseRevision + 1, issues: validate(options.graph) };
}

export async function publishFlow(options: { clientId: string; flowId: string; note: string | null; actorId: string }) {
  const flow = await findFlow(options.clientId, options.flowId);
  const graph = StoredFlowGraph.parse(flow.draftGraph);
  const live = flow.activeVersionId ? await db.flowVersion.findUnique({ where: { id: flow.activeVersionId }, select: { number: true, graph: true } }) : null;
  if (live && sameGraph(live.graph, graph)) {
    throw new AppError("PRECONDITION_FAILED", `Nothing changed since version ${live.number}, which is live. Edit the flow, then publish.`);
  }
  const issues = validate(graph);
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === "error");
    throw new AppError("PRECONDITION_FAILED", `This flow can't be published yet: ${errors[0].message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`, {
      issues,
    });
  }
  const published = await db.$transaction(async (tx) => {
    const last = await tx.flowVersion.findFirst({ where: { flowId: flow.id }, orderBy: { number: "desc" }, select: { number: true } });
    const version = await tx.flowVersion.create({
      data: { flowId: flow.id, number: (last?.number ?? 0) + 1, graph: asJson(graph), note: options.note, createdById: options.actorId },
    });
    // A flow going live for the first time joins the end of the order: it never silently takes calls
    // from a flow that answers them today.
    const priority = flow.activeVersionId ? flow.priority : ((await tx.flow.aggregate({ where: { clientId: options.clientId }, _max: { priority: true } }))._max.priority ?? 0) + 1;
    await tx.flow.update({ where: { id: flow.id }, data: { activeVersionId: version.id, priority } });
    await tx.auditEvent.create({
      data: { clientId: options.clientId, actorId: options.actorId, action: "flow.publish", targetType: "Flow", targetId: flow.id, data: { version: version.number } },
    });
    return { versionId: version.id, number: version.number };
  });
  // Say which live flows listen for the same calls: only the first in order answers each call.
  const liveFlows = inRunOrder(await loadLiveFlows(options.clientId));
  const me = liveFlows.find((l) => l.id === flow.id)!;
  const order = liveFlows.map((l) => l.id);
  return { ...published, overlaps: overlappingFlows(me, liveFlows).map((o) => ({ id: o.id, name: o.name, runsFirst: order.indexOf(o.id) < order.indexOf(me.id) })) };
}

/**
 * Sets the run order of the client's flows: `flowIds` first, in that order, then every other flow in
 * its current order. Of the live flows listening for a call, the first answers it.
 */
export async function setFlowOrder(options: { clientId: string; flowIds: string[]; actorId: string }) {
  const flows = await db.flow.findMany({
    where: { clientId: options.clientId, archivedAt: null },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const known = new Set(flows.map((f) => f.id));
  if (!options.flowIds.every((id) => known.has(id))) throw notFound("One of those flows");
  const order = [...new Set(options.flowIds), ...flows.map((f) => f.id).filter((id) => !options.flowIds.includes(id))];
  await db.$transaction([
    ...order.map((id, i) => db.flow.update({ where: { id }, data: { priority: i + 1 } })),
    db.auditEvent.create({ data: { clientId: options.clientId, actorId: options.actorId, action: "flow.order", targetType: "Client", targetId: options.clientId, data: { order } } }),
  ]);
}

export async function listVersions({ clientId, flowId }: { clientId: string; flowId: string }) {
  const flow = await findFlow(clientId, flowId);
  const versions = await db.flowVersion.findMany({ where: { flowId: flow.id }, orderBy: { number: "desc" } });
  const authors = await db.user.findMany({ where: { id: { in: versions.map((v) => v.createdById).filter((x): x is string => !!x) } }, select: { id: true, name: true } });
  return versions.map((v) => ({
    id: v.id,
    number: v.number,
    note: v.note,
    createdAt: v.createdAt,
    createdBy: authors.find((a) => a.id === v.createdById)?.name ?? null,
    active: v.id === flow.activeVersionId,
  }));
}

export async function getVersion({ clientId, versionId }: { clientId: string; versionId: string }) {
  const version = await db.flowVersion.findFirst({ where: { id: versionId, flow: { clientId } } });
  if (!version) throw notFound("That version");
  return { id: version.id, flowId: version.flowId, number: version.number, note: version.note, graph: StoredFlowGraph.parse(version.graph), createdAt: version.createdAt };
}

/** Makes an old version the draft again (publishing it is a separate, deliberate step). */
export async function restoreVersion(options: { clientId: string; versionId: string; actorId: string }) {
  const version = await getVersion(options);
  const flow = await db.flow.update({
    where: { id: version.flowId },
    data: { draftGraph: asJson(version.graph), draftRevision: { increment: 1 }, updatedById: options.actorId },
    select: { draftRevision: true },
  });
  // The editor keeps its undo history across a restore, so it needs the new draft and its revision.
  return { flowId: version.flowId, revision: flow.draftRevision, graph: version.graph };
}

export async function renameFlow(options: { clientId: string; flowId: string; name: string }) {
  await findFlow(options.clientId, options.flowId);
  await db.flow.update({ where: { id: options.flowId }, data: { name: options.name } });
}

export async function archiveFlow(options: { clientId: string; flowId: string; actorId: string }) {
  await findFlow(options.clientId, options.flowId);
  // An archived flow starts no new runs; runs in flight finish on their pinned version.
  await db.flow.update({ where: { id: options.flowId }, data: { archivedAt: new Date(), activeVersionId: null } });
}

export async function duplicateFlow(options: { clientId: string; flowId: string; actorId: string }) {
  const flow = await findFlow(options.clientId, options.flowId);
  const copy = await db.flow.create({
    data: { clientId: options.clientId, name: `${flow.name} (copy)`, draftGraph: flow.draftGraph as Prisma.InputJsonValue, updatedById: options.actorId },
  });
  return { id: copy.id };
}

/**
 * Copies a flow's draft to other clients of the same agency as drafts. The trigger's numbers are
 * cleared (a copy listens on all of its new client's numbers) because numbers belong to clients;
 * names, hours and staff come from each client's own settings at run time.
 */
export async function copyFlowToClients(options: { viewer: Viewer; clientId: string; flowId: string; targetClientIds: string[]; actorId: string }) {
  const flow = await findFlow(options.clientId, options.flowId);
  const source = await db.client.findUniqueOrThrow({ where: { id: options.clientId }, select: { agencyId: true } });
  const agencyRole = options.viewer.agencies.find((a) => a.agencyId === source.agencyId)?.role;
  if (!agencyRole) throw new AppError("FORBIDDEN", "Only agency users can copy flows between clients.");
  const targets = await db.client.findMany({ where: { id: { in: options.targetClientIds }, agencyId: source.agencyId, archivedAt: null } });
  if (targets.length !== new Set(options.targetClientIds).size) throw notFound("One of the chosen businesses");
  const graph = StoredFlowGraph.parse(flow.draftGraph);
  const copied: FlowGraph = {
    ...graph,
    nodes: graph.nodes.map((n) => (isTrigger(n.kind) ? { ...n, config: { ...(n.config as object), numbers: [] } } : n)),
  };
  const created = await db.$transaction(
    targets.map((t) => db.flow.create({ data: { clientId: t.id, name: flow.name, draftGraph: asJson(copied), updatedById: options.actorId } })),
  );
  return created.map((f) => ({ clientId: f.clientId, flowId: f.id }));
}
