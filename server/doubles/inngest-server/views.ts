import type { EngineContext } from "./context";
import { DISCOVERY, jobsOf } from "./queue";
import type { RegisteredFunction, Run, StepRecord, StoredEvent } from "./types";

/** How the control API shows runs, steps and events: times as ISO strings, durations in ms. */

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** What a live run is doing right now, in one word. */
export function runState(ctx: EngineContext, run: Run): string {
  if (run.status !== "running" && run.status !== "queued") return run.status;
  const jobs = jobsOf(ctx, run.id);
  if (jobs.some((job) => job.state === "in-flight")) return "executing";
  const steps = Object.values(run.steps);
  if (jobs.some((job) => job.attempt > 0 || job.unreachable > 0)) return "retrying";
  if (jobs.length) return run.status === "queued" ? "queued" : "scheduled";
  if (steps.some((step) => step.status === "waiting")) return "waiting";
  if (steps.some((step) => step.status === "sleeping")) return "sleeping";
  if (steps.some((step) => step.status === "invoking")) return "invoking";
  return run.status;
}

export function runSummary(ctx: EngineContext, run: Run) {
  const fn = ctx.store.functions.get(run.functionId);
  const end = run.endedAt ?? ctx.clock.now();
  return {
    id: run.id,
    functionId: run.functionId,
    functionName: fn?.name ?? run.functionId,
    appId: run.appId,
    status: run.status,
    state: runState(ctx, run),
    eventName: run.event.name,
    eventId: run.event.id,
    createdAt: iso(run.createdAt),
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    durationMs: end - run.createdAt,
    calls: run.callsCount,
    stepCount: Object.keys(run.steps).length,
    output: run.output ?? null,
    error: run.error ?? null,
    reason: run.reason ?? null,
  };
}

export function runDetail(ctx: EngineContext, run: Run) {
  const jobs = jobsOf(ctx, run.id).map((job) => ({
    qiId: job.id,
    kind: job.stepId === DISCOVERY ? "discovery" : "step",
    stepId: job.stepId,
    attempt: job.attempt,
    unreachableTries: job.unreachable,
    state: job.state,
    dueAt: iso(job.dueAt),
    reason: job.reason,
  }));
  const retrying = jobs.filter((job) => job.state === "queued").map((job) => job.dueAt);
  return {
    ...runSummary(ctx, run),
    event: run.event,
    events: run.events,
    invokedBy: run.invokedBy ?? null,
    nextCallAt: retrying.sort()[0] ?? null,
    steps: Object.values(run.steps).map(stepView),
    /** Hashed step ids in the order their results arrived (`ctx.stack.stack`). */
    stack: run.stack,
    jobs,
    history: run.history.map((entry) => ({ at: iso(entry.at), message: entry.message })),
  };
}

function stepView(step: StepRecord) {
  return {
    id: step.id,
    name: step.name,
    op: step.op,
    status: step.status,
    attempts: step.attempts,
    createdAt: iso(step.createdAt),
    startedAt: iso(step.startedAt),
    endedAt: iso(step.endedAt),
    durationMs: step.startedAt !== undefined && step.endedAt !== undefined ? step.endedAt - step.startedAt : null,
    output: step.output ?? null,
    error: step.error ?? null,
    lastError: step.lastError ?? null,
    sleepUntil: iso(step.sleepUntil),
    wait: step.wait ? { event: step.wait.event, if: step.wait.if ?? null, timeoutAt: iso(step.wait.timeoutAt) } : null,
    invoke: step.invoke ? { functionId: step.invoke.functionId, runId: step.invoke.runId ?? null, timeoutAt: iso(step.invoke.timeoutAt) } : null,
  };
}

export function eventView(stored: StoredEvent) {
  return {
    ...stored.event,
    receivedAt: iso(stored.receivedAt),
    duplicate: stored.duplicate,
    startedRuns: stored.startedRuns,
    resumedRuns: stored.resumedRuns,
    cancelledRuns: stored.cancelledRuns,
  };
}

export function functionView(fn: RegisteredFunction) {
  return {
    id: fn.id,
    name: fn.name,
    appId: fn.appId,
    url: fn.url,
    triggers: fn.triggers,
    retries: fn.retries,
    cancelOn: fn.cancel,
    concurrency: fn.concurrency,
    idempotency: fn.idempotency ?? null,
    notEnforced: fn.ignoredOptions,
  };
}
