import { db, type Prisma, type RunStatus } from "../db/client";
import { AppError, notFound } from "../errors";
import { inngest } from "../events/client";
import { runCancel } from "../events/schemas";
import { StoredFlowGraph } from "../flows/model";
import { reasonOf } from "../messaging/failed-sends";

/** Run history: what every run did, filtered the ways ops look for trouble. */
export interface RunFilters {
  status?: RunStatus | null;
  flowId?: string | null;
  version?: number | null;
  caller?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export async function listRuns(options: { clientIds: string[]; filters: RunFilters; cursor?: string | null; limit: number }) {
  const f = options.filters;
  const where: Prisma.FlowRunWhereInput = {
    clientId: { in: options.clientIds },
    ...(f.status ? { status: f.status } : {}),
    ...(f.flowId ? { flowId: f.flowId } : {}),
    ...(f.version ? { flowVersion: { number: f.version } } : {}),
    ...(f.caller ? { callerNumber: { contains: f.caller.replace(/[^\d+]/g, "") } } : {}),
    ...(f.from || f.to ? { startedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  // Prisma finds a cursor row by id alone: a run of a client the caller cannot see must read as
  // unknown (an empty page, as for an id that does not exist), not as a position in the list.
  if (options.cursor && !(await db.flowRun.findFirst({ where: { id: options.cursor, clientId: { in: options.clientIds } }, select: { id: true } }))) {
    return { runs: [], nextCursor: null };
  }
  const rows = await db.flowRun.findMany({
    where,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    include: { flow: { select: { name: true } }, flowVersion: { select: { number: true } }, client: { select: { name: true } } },
  });
  const page = rows.slice(0, options.limit);
  return {
    runs: page.map((r) => ({
      id: r.id,
      clientId: r.clientId,
      clientName: r.client.name,
      flowId: r.flowId,
      flowName: r.flow.name,
      version: r.flowVersion.number,
      caller: r.callerNumber,
      status: r.status,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationMs: (r.endedAt ?? new Date()).getTime() - r.startedAt.getTime(),
      outcome: r.status === "failed" ? r.error : r.outcome,
    })),
    nextCursor: rows.length > options.limit ? page[page.length - 1].id : null,
  };
}

export async function getRun(options: { clientId: string; runId: string }) {
  const run = await db.flowRun.findFirst({
    where: { id: options.runId, clientId: options.clientId },
    include: { flow: { select: { name: true } }, flowVersion: true, steps: { orderBy: { startedAt: "asc" } } },
  });
  if (!run) throw notFound("That run");
  const messages = await db.message.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } });
  const sentByStep = new Set(run.steps.filter((s) => s.kind === "sendSms" && (s.output as { status?: string } | null)?.status === "sent").map((s) => s.nodeId));
  // Read live, not from the run's start: a transcript that came after the flow decided still shows.
  const call = await db.call.findFirst({ where: { callSid: run.triggerEventId, clientId: run.clientId } });
  // A run a text started ("Text received"): its trigger event is the text's MessageSid.
  const text = call ? null : await db.message.findFirst({ where: { twilioSid: run.triggerEventId, clientId: run.clientId, direction: "inbound" } });
  return {
    id: run.id,
    clientId: run.clientId,
    flowId: run.flowId,
    flowName: run.flow.name,
    version: run.flowVersion.number,
    graph: StoredFlowGraph.parse(run.flowVersion.graph),
    status: run.status,
    caller: run.callerNumber,
    currentNodeId: run.currentNodeId,
    trace: run.trace as { nodeId: string; name: string; handle: string | null; at: string; note?: string }[],
    error: run.error,
    outcome: run.outcome,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    steps: run.steps.map((s) => ({
      id: s.id,
      stepId: s.stepId,
      nodeId: s.nodeId,
      kind: s.kind,
      status: s.status,
      attempt: s.attempt,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      input: s.input,
      output: s.output,
      error: s.error,
    })),
    call: call && { callSid: call.callSid, reason: call.reason, at: call.createdAt, voicemailUrl: call.voicemailUrl, transcript: call.transcript },
    /** The text that started the run, when a text did. */
    text: text && { body: text.body, at: text.createdAt },
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      body: m.body,
      status: m.status,
      to: m.toNumber,
      errorCode: m.errorCode,
      explanation: m.errorCode != null || m.errorMessage ? reasonOf(m) : null,
      /** Twilio may have it: the connection dropped mid-send. */
      outcomeUnknown: m.outcomeUnknown,
      /** The carrier failed it after the flow went on by "sent" (staff were told). */
      lateFailure: (m.status === "failed" || m.status === "undelivered") && m.contactId !== null && m.nodeId !== null && sentByStep.has(m.nodeId),
      createdAt: m.createdAt,
    })),
  };
}

/** Cancels a run that is still going: history says so at once, and Inngest stops the function. */
/** Cancels a running or waiting run; the audit log records who cancelled which run (its flow and caller). */
export async function cancelRun(options: { clientId: string; runId: string; actorId: string }) {
  const run = await db.flowRun.findFirst({ where: { id: options.runId, clientId: options.clientId }, include: { flow: { select: { name: true } } } });
  if (!run) throw notFound("That run");
  if (run.status !== "running" && run.status !== "waiting") throw new AppError("PRECONDITION_FAILED", `This run is already ${run.status}; only running or waiting runs can be cancelled.`);
  const actor = await db.user.findUniqueOrThrow({ where: { id: options.actorId }, select: { name: true } });
  const reason = `Cancelled by ${actor.name}.`;
  // Only the request that moves the run out of running/waiting cancels it (and is recorded): a double click records one.
  const { count } = await db.flowRun.updateMany({ where: { id: run.id, status: { in: ["running", "waiting"] } }, data: { status: "cancelled", error: reason, endedAt: new Date() } });
  if (!count) throw new AppError("PRECONDITION_FAILED", "This run is already cancelled or has ended; only running or waiting runs can be cancelled.");
  await db.auditEvent.create({
    data: { clientId: options.clientId, actorId: options.actorId, action: "run.cancel", targetType: "FlowRun", targetId: run.id, data: { flow: run.flow.name, caller: run.callerNumber, status: run.status } },
  });
  await inngest.send(runCancel.create({ runId: run.id, reason }, { id: `cancel:${run.id}` }));
}
