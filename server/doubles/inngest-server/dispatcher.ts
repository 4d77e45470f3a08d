import { type CallOutcome, callApp } from "./app-client";
import type { EngineContext } from "./context";
import { backoffMs, formatDuration, inngestBackoffMs } from "./durations";
import { applyOps } from "./ops";
import { DISCOVERY, jobsOf, removeJob, requeue } from "./queue";
import { completeStep, finishRun, isActive, note, stepName } from "./runs";
import type { Job, RegisteredFunction, Run, SerializedError } from "./types";

/**
 * Makes the calls that are due: one HTTP request per job, as Inngest's executor does, within the
 * function's concurrency limits. Never lets one run's discovery overlap another call of the same
 * run, so each discovery sees every result that came before it.
 */
export function pump(ctx: EngineContext): void {
  if (ctx.closed) return;
  const now = ctx.clock.now();
  const jobs = [...ctx.store.jobs.values()];
  const busyRuns = new Set(jobs.filter((job) => job.state === "in-flight").map((job) => job.runId));
  const inFlightByBucket = new Map<string, number>();
  for (const job of jobs) {
    if (job.state !== "in-flight") continue;
    for (const { bucket } of ctx.store.runs.get(job.runId)?.concurrency ?? []) {
      inFlightByBucket.set(bucket, (inFlightByBucket.get(bucket) ?? 0) + 1);
    }
  }

  const due = jobs.filter((job) => job.state === "queued" && job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  for (const job of due) {
    const run = ctx.store.runs.get(job.runId);
    if (!run || !isActive(run)) {
      removeJob(ctx, job);
      continue;
    }
    if (job.stepId === DISCOVERY && busyRuns.has(run.id)) continue;
    if (run.concurrency.some(({ bucket, limit }) => (inFlightByBucket.get(bucket) ?? 0) >= limit)) continue;
    const fn = ctx.store.functions.get(run.functionId);
    if (!fn) {
      finishRun(ctx, run, "failed", { reason: `function ${run.functionId} is no longer synced by its app` });
      continue;
    }
    busyRuns.add(run.id);
    for (const { bucket } of run.concurrency) inFlightByBucket.set(bucket, (inFlightByBucket.get(bucket) ?? 0) + 1);
    dispatch(ctx, job, run, fn).catch((error: unknown) => {
      // A bug (or an unusable URL) must cost one run, never the engine.
      finishRun(ctx, run, "failed", { reason: `local engine error: ${(error as Error).message ?? String(error)}` });
      ctx.hooks.pump();
    });
  }
}

async function dispatch(ctx: EngineContext, job: Job, run: Run, fn: RegisteredFunction): Promise<void> {
  const now = ctx.clock.now();
  job.state = "in-flight";
  job.startedAt = now;
  run.callsCount++;
  ctx.store.appCalls++;
  if (run.status === "queued") {
    run.status = "running";
    run.startedAt = now;
  }
  if (run.callsCount > ctx.options.maxCallsPerRun) {
    finishRun(ctx, run, "failed", { reason: `needed more than ${ctx.options.maxCallsPerRun} calls to the app; stopped as runaway` });
    return;
  }
  const step = run.steps[job.stepId];
  if (step) {
    step.status = "running";
    step.startedAt ??= now;
  }

  const url = new URL(fn.url);
  url.searchParams.set("fnId", fn.id);
  url.searchParams.set("stepId", job.stepId);
  const epoch = ctx.epoch;
  const outcome = await callApp(url.href, callBody(ctx, job, run, fn), ctx.options.callTimeoutMs, () => ctx.clock.now());

  // The world may have moved on while the app worked: a reset, a cancel, the engine closing.
  if (ctx.closed || ctx.epoch !== epoch || ctx.store.jobs.get(job.id) !== job || !isActive(run)) {
    ctx.hooks.pump();
    return;
  }
  handleOutcome(ctx, job, run, fn, outcome);
  ctx.changed();
  ctx.hooks.pump();
}

/** The call request body, as `docs/SDK_SPEC.md` 4.4.1 describes it. */
function callBody(ctx: EngineContext, job: Job, run: Run, fn: RegisteredFunction): unknown {
  return {
    event: run.event,
    events: run.events,
    steps: run.memo,
    ctx: {
      run_id: run.id,
      ...(ctx.options.checkpointing ? { fn_id: fn.internalId, qi_id: job.id } : {}),
      step_id: job.stepId,
      attempt: job.attempt,
      max_attempts: fn.retries + 1,
      disable_immediate_execution: run.disableImmediateExecution,
      use_api: false,
      stack: { stack: run.stack, current: run.stack.length },
    },
    version: 2,
  };
}

function handleOutcome(ctx: EngineContext, job: Job, run: Run, fn: RegisteredFunction, outcome: CallOutcome): void {
  job.unreachable = outcome.kind === "unreachable" ? job.unreachable + 1 : 0;
  switch (outcome.kind) {
    case "done":
      removeJob(ctx, job);
      finishRun(ctx, run, "completed", { output: outcome.data });
      return;
    case "error":
      if (!outcome.retriable) {
        // On the last attempt the SDK itself answers "no retry" (it knows max_attempts).
        const attempt = job.attempt + 1;
        const why = attempt >= fn.retries + 1 && fn.retries > 0 ? `failed after ${attempt} attempts (retry budget ${fn.retries})` : "non-retriable";
        removeJob(ctx, job);
        finishRun(ctx, run, "failed", { error: outcome.error, reason: `${why}: ${outcome.error.name}: ${outcome.error.message}` });
        return;
      }
      retryOrFail(ctx, job, run, fn, { reason: `${outcome.error.name}: ${outcome.error.message}`, error: outcome.error, retryAfterMs: outcome.retryAfterMs });
      return;
    case "bad-response":
      retryOrFail(ctx, job, run, fn, { reason: outcome.reason });
      return;
    case "unreachable":
      retryUnreachable(ctx, job, run, fn, outcome.reason);
      return;
    case "ops": {
      const result = applyOps(ctx, run, job, outcome.ops, "response");
      if (!isActive(run)) return;
      if (result.stepError) {
        const { stepId, error } = result.stepError;
        retryOrFail(ctx, job, run, fn, { reason: `${error.name}: ${error.message}`, error, retryAfterMs: outcome.retryAfterMs, stepId });
        return;
      }
      if (!hasWorkAhead(ctx, run, job)) {
        // Every op named something already done: calling again as if nothing happened would loop.
        retryOrFail(ctx, job, run, fn, { reason: "the app's answer did not move the run forward (it only reported steps that are already done)" });
        return;
      }
      removeJob(ctx, job);
      return;
    }
  }
}

/** A failed attempt: retried with exponential backoff until the function's `retries` are spent. */
function retryOrFail(
  ctx: EngineContext,
  job: Job,
  run: Run,
  fn: RegisteredFunction,
  failure: { reason: string; error?: SerializedError; retryAfterMs?: number; stepId?: string },
): void {
  const attemptsAllowed = fn.retries + 1;
  const attemptNumber = job.attempt + 1;
  // The step this attempt was about: the one whose StepError came back, or the planned step called.
  const step = run.steps[failure.stepId ?? job.stepId];
  const where = step ? `step "${step.name}"` : "attempt";
  if (attemptNumber >= attemptsAllowed) {
    removeJob(ctx, job);
    if (step && failure.stepId) {
      // The SDK normally says StepFailed itself on the last attempt; if not, the error still becomes
      // the step's result so the function can catch it, as on Inngest.
      completeStep(ctx, run, failure.stepId, { error: failure.error ?? { name: "Error", message: failure.reason } }, {
        discover: true,
        message: `step "${step.name}" failed for good after ${attemptNumber} attempts: ${failure.reason}`,
      });
      return;
    }
    finishRun(ctx, run, "failed", {
      error: failure.error,
      reason: `failed after ${attemptNumber} attempt${attemptNumber === 1 ? "" : "s"} (retry budget ${fn.retries}): ${failure.reason}`,
    });
    return;
  }
  job.attempt = attemptNumber;
  const { retryBaseMs, retryMaxMs } = ctx.options;
  const delay = failure.retryAfterMs ?? (retryBaseMs === null ? inngestBackoffMs(attemptNumber) : backoffMs(attemptNumber, retryBaseMs, retryMaxMs));
  if (step) {
    step.status = "retrying";
    step.lastError = failure.reason;
  }
  note(ctx, run, `${where} failed (attempt ${attemptNumber} of ${attemptsAllowed}): ${failure.reason}; retrying in ${formatDuration(delay)}`);
  requeue(ctx, job, ctx.clock.now() + delay);
}

/** The app is down: its code did not run, so this does not spend the function's retries. */
function retryUnreachable(ctx: EngineContext, job: Job, run: Run, fn: RegisteredFunction, reason: string): void {
  if (job.unreachable > ctx.options.unreachableRetries) {
    removeJob(ctx, job);
    finishRun(ctx, run, "failed", { reason: `app unreachable at ${fn.url} after ${job.unreachable} tries: ${reason}` });
    return;
  }
  const delay = backoffMs(job.unreachable, ctx.options.retryBaseMs ?? 1_000, ctx.options.unreachableMaxBackoffMs);
  // Log the 1st, 2nd, 4th, 8th… try so a long outage does not flood the terminal.
  if ((job.unreachable & (job.unreachable - 1)) === 0) {
    const target = job.stepId === DISCOVERY ? "call" : `step "${stepName(run, job.stepId)}"`;
    note(ctx, run, `${target}: app unreachable (${reason}); try ${job.unreachable}, next in ${formatDuration(delay)}`);
  }
  if (run.steps[job.stepId]) run.steps[job.stepId].status = "planned";
  requeue(ctx, job, ctx.clock.now() + delay);
}

/** Is anything other than this call going to move the run on: another call, a sleep, wait or invoke? */
function hasWorkAhead(ctx: EngineContext, run: Run, current: Job): boolean {
  if (jobsOf(ctx, run.id).some((job) => job.id !== current.id)) return true;
  return Object.values(run.steps).some((step) => ["sleeping", "waiting", "invoking"].includes(step.status));
}
