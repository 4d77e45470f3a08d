import type { Op } from "./app-client";
import { type EngineContext, runLabel } from "./context";
import { formatDuration } from "./durations";
import { evaluateExpression } from "./expressions";
import { ulid } from "./ids";
import { enqueueDiscovery, removeJobsOf } from "./queue";
import type { EngineEvent, Memo, RegisteredFunction, Run, RunStatus, SerializedError, StepRecord } from "./types";

const HISTORY_LIMIT = 500;

/** Starts a run of `fn` for `event`: recorded, then its first call queued. */
export function createRun(
  ctx: EngineContext,
  fn: RegisteredFunction,
  event: EngineEvent,
  invokedBy?: Run["invokedBy"],
): Run {
  const now = ctx.clock.now();
  const run: Run = {
    id: ulid(now),
    functionId: fn.id,
    appId: fn.appId,
    event,
    events: [event],
    status: "queued",
    createdAt: now,
    memo: {},
    stack: [],
    steps: {},
    disableImmediateExecution: false,
    opsCount: 0,
    callsCount: 0,
    concurrency: concurrencyBuckets(ctx, fn, event),
    invokedBy,
    history: [],
  };
  ctx.store.runs.set(run.id, run);
  note(ctx, run, invokedBy ? `started, invoked by run ${invokedBy.runId}` : `started by ${event.name} (event ${event.id})`);
  enqueueDiscovery(ctx, run, "run started");
  return run;
}

export function isActive(run: Run): boolean {
  return run.status === "queued" || run.status === "running";
}

/** Records a transition in the run's history and logs it as one line. */
export function note(ctx: EngineContext, run: Run, message: string): void {
  run.history.push({ at: ctx.clock.now(), message });
  if (run.history.length > HISTORY_LIMIT) run.history.splice(0, run.history.length - HISTORY_LIMIT);
  ctx.log(`${runLabel(run)} ${message}`);
  ctx.changed();
}

/** The record for a step the app reported, created on first sight. */
export function stepFor(ctx: EngineContext, run: Run, op: Op): StepRecord {
  let step = run.steps[op.id];
  if (!step) {
    step = {
      id: op.id,
      name: op.displayName || op.userland?.id || op.name || op.id,
      op: op.op,
      status: "planned",
      attempts: 0,
      createdAt: ctx.clock.now(),
    };
    run.steps[op.id] = step;
  } else if (op.op !== "StepPlanned") {
    step.op = op.op;
  }
  return step;
}

export function stepName(run: Run, stepId: string): string {
  return run.steps[stepId]?.name ?? stepId;
}

/**
 * Memoizes a step's result (sent in `steps` on every later call) and, unless the SDK is still
 * running in the same call (a checkpoint), queues the discovery call that continues the run.
 * Returns false when the step already had a result: the first one stands.
 */
export function completeStep(
  ctx: EngineContext,
  run: Run,
  stepId: string,
  memo: Memo,
  options: { discover: boolean; message: string },
): boolean {
  if (!isActive(run) || run.memo[stepId]) return false;
  const now = ctx.clock.now();
  run.memo[stepId] = memo;
  run.stack.push(stepId);
  const step = run.steps[stepId];
  if (step) {
    step.endedAt = now;
    if ("error" in memo) {
      step.status = "failed";
      step.error = memo.error;
    } else {
      step.status = "completed";
      step.output = memo.data;
    }
  }
  ctx.timers.cancelWhere((key) => key.endsWith(`:${run.id}:${stepId}`));
  note(ctx, run, options.message);
  if (options.discover) enqueueDiscovery(ctx, run, `step "${stepName(run, stepId)}" finished`);
  return true;
}

/** Ends a run once: cancels what it was waiting for, answers its invoker, emits Inngest's events. */
export function finishRun(
  ctx: EngineContext,
  run: Run,
  status: Exclude<RunStatus, "queued" | "running">,
  outcome: { output?: unknown; error?: SerializedError; reason?: string },
): void {
  if (!isActive(run)) return;
  const now = ctx.clock.now();
  run.status = status;
  run.endedAt = now;
  run.output = outcome.output;
  run.error = outcome.error;
  run.reason = outcome.reason;
  removeJobsOf(ctx, run.id);
  ctx.timers.cancelWhere((key) => key.includes(`:${run.id}:`));
  for (const step of Object.values(run.steps)) {
    if (!["completed", "failed"].includes(step.status)) {
      step.status = "cancelled";
      step.endedAt = now;
    }
  }

  const took = formatDuration(now - run.createdAt);
  if (status === "completed") note(ctx, run, `completed in ${took}`);
  else if (status === "cancelled") note(ctx, run, `cancelled after ${took}: ${outcome.reason ?? "cancelled"}`);
  else note(ctx, run, `failed after ${took}: ${outcome.reason ?? outcome.error?.message ?? "unknown error"}`);

  answerInvoker(ctx, run);
  ctx.hooks.emit(lifecycleEvents(run, now));
}

/** An invoked run's result becomes the invoking step's result, as `step.invoke` expects. */
function answerInvoker(ctx: EngineContext, run: Run): void {
  if (!run.invokedBy) return;
  const parent = ctx.store.runs.get(run.invokedBy.runId);
  if (!parent) return;
  const memo: Memo =
    run.status === "completed"
      ? { data: run.output ?? null }
      : { error: run.error ?? { name: "Error", message: run.reason ?? `invoked run ${run.status}` } };
  completeStep(ctx, parent, run.invokedBy.stepId, memo, {
    discover: true,
    message: `invoked run ${run.id} ${run.status}; step "${stepName(parent, run.invokedBy.stepId)}" resumed`,
  });
}

/** The events Inngest sends when a run ends, which `onFailure` handlers and others listen for. */
function lifecycleEvents(run: Run, now: number): EngineEvent[] {
  const base = { function_id: run.functionId, run_id: run.id, event: run.event };
  const make = (name: string, data: Record<string, unknown>): EngineEvent => ({ id: ulid(now), name, data, ts: now });
  const events: EngineEvent[] = [];
  if (run.status === "failed") events.push(make("inngest/function.failed", { ...base, error: run.error ?? { name: "Error", message: run.reason } }));
  if (run.status === "cancelled") events.push(make("inngest/function.cancelled", { ...base, error: { name: "Error", message: run.reason ?? "cancelled" } }));
  events.push(
    make("inngest/function.finished", {
      ...base,
      ...(run.status === "completed" ? { result: run.output ?? null } : { error: run.error ?? { name: "Error", message: run.reason } }),
    }),
  );
  return events;
}

/** The concurrency groups a run belongs to, keyed by its CEL `key` evaluated on the trigger event. */
function concurrencyBuckets(ctx: EngineContext, fn: RegisteredFunction, event: EngineEvent): Run["concurrency"] {
  return fn.concurrency.map((rule) => {
    let value = "";
    if (rule.key) {
      try {
        value = JSON.stringify(evaluateExpression(rule.key, { event }));
      } catch (error) {
        ctx.log(`${fn.id}: concurrency key ${rule.key} failed on event ${event.id} (${(error as Error).message}); using the shared group`);
      }
    }
    const bucket = rule.scope === "fn" ? `fn:${fn.id}:${value}` : `${rule.scope}:${value}`;
    return { bucket, limit: rule.limit };
  });
}
