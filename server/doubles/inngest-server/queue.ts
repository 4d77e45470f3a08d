import type { EngineContext } from "./context";
import { queueItemId } from "./ids";
import type { Job, Run } from "./types";

/** `stepId=step`: the call that runs the function from the top to discover (or run) its next step. */
export const DISCOVERY = "step";

/**
 * Schedules a discovery call. At most one waits per run: several things finishing at once (two
 * parallel steps, a wait resuming) need only one call to find out what comes next.
 */
export function enqueueDiscovery(ctx: EngineContext, run: Run, reason: string, dueAt = ctx.clock.now()): void {
  const queued = jobsOf(ctx, run.id).find((job) => job.stepId === DISCOVERY && job.state === "queued");
  if (queued) {
    if (dueAt < queued.dueAt) schedule(ctx, queued, dueAt);
    return;
  }
  addJob(ctx, run, DISCOVERY, reason, dueAt);
}

/** Schedules the call that runs one planned step (`stepId=<hashed id>`), once. */
export function enqueueStep(ctx: EngineContext, run: Run, stepId: string, reason: string): void {
  if (jobsOf(ctx, run.id).some((job) => job.stepId === stepId)) return;
  addJob(ctx, run, stepId, reason, ctx.clock.now());
}

/** Puts a failed call back in the queue for `dueAt`. */
export function requeue(ctx: EngineContext, job: Job, dueAt: number): void {
  job.state = "queued";
  job.startedAt = undefined;
  schedule(ctx, job, dueAt);
}

export function removeJob(ctx: EngineContext, job: Job): void {
  ctx.store.jobs.delete(job.id);
  ctx.timers.cancel(timerKey(job));
  ctx.changed();
}

export function removeJobsOf(ctx: EngineContext, runId: string): void {
  for (const job of jobsOf(ctx, runId)) removeJob(ctx, job);
}

export function jobsOf(ctx: EngineContext, runId: string): Job[] {
  return [...ctx.store.jobs.values()].filter((job) => job.runId === runId);
}

/** Re-arms timers for queued jobs (after loading a snapshot). */
export function rearmJobs(ctx: EngineContext): void {
  for (const job of ctx.store.jobs.values()) schedule(ctx, job, job.dueAt);
}

/** Makes calls that wait only because the app was unreachable due now (the app just synced). */
export function wakeUnreachable(ctx: EngineContext, appId: string): number {
  let woken = 0;
  const now = ctx.clock.now();
  for (const job of ctx.store.jobs.values()) {
    const run = ctx.store.runs.get(job.runId);
    if (run?.appId === appId && job.state === "queued" && job.unreachable > 0 && job.dueAt > now) {
      schedule(ctx, job, now);
      woken++;
    }
  }
  return woken;
}

function addJob(ctx: EngineContext, run: Run, stepId: string, reason: string, dueAt: number): Job {
  const job: Job = {
    id: queueItemId(),
    runId: run.id,
    stepId,
    attempt: 0,
    unreachable: 0,
    dueAt,
    state: "queued",
    reason,
    seq: ctx.store.nextJobSeq(),
  };
  ctx.store.jobs.set(job.id, job);
  schedule(ctx, job, dueAt);
  return job;
}

function schedule(ctx: EngineContext, job: Job, dueAt: number): void {
  job.dueAt = dueAt;
  ctx.changed();
  if (dueAt <= ctx.clock.now()) {
    ctx.timers.cancel(timerKey(job));
    ctx.hooks.pump();
  } else {
    ctx.timers.at(timerKey(job), dueAt, () => ctx.hooks.pump());
  }
}

const timerKey = (job: Job) => `job:${job.id}`;
