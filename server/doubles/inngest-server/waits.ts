import type { Op } from "./app-client";
import type { EngineContext } from "./context";
import { formatDuration, resolveDueAt } from "./durations";
import { compileExpression, matchesExpression } from "./expressions";
import { ulid } from "./ids";
import { eventNameMatches } from "./registry";
import { completeStep, createRun, finishRun, isActive, note } from "./runs";
import type { EngineEvent, Run, StepRecord } from "./types";

/**
 * Everything a run can be parked on — a sleep, an event, an invoked run — and the events that wake
 * or cancel parked runs. All deadlines are on the virtual clock.
 */

/** `step.sleep` / `step.sleepUntil`: the duration (or ISO date) travels in `name`. */
export function startSleep(ctx: EngineContext, run: Run, step: StepRecord, op: Op): void {
  const now = ctx.clock.now();
  const spec = (op.opts?.duration as string | undefined) ?? op.name;
  if (spec === "") warnEmptyDuration(ctx, run, step, "sleep");
  const dueAt = spec === "" ? now : resolveDueAt(spec, now);
  if (dueAt === undefined) {
    finishRun(ctx, run, "failed", { reason: `step "${step.name}" asked to sleep for ${JSON.stringify(spec)}, which is not a duration or date` });
    return;
  }
  step.status = "sleeping";
  step.startedAt ??= now;
  step.sleepUntil = dueAt;
  note(ctx, run, `sleeping at "${step.name}" until ${new Date(dueAt).toISOString()} (${formatDuration(dueAt - now)})`);
  armSleep(ctx, run.id, step);
}

/** `step.waitForEvent`: the event name travels in `name`, the timeout and `if` in `opts`. */
export function startWait(ctx: EngineContext, run: Run, step: StepRecord, op: Op): void {
  const now = ctx.clock.now();
  const eventName = (op.opts?.event as string | undefined) ?? op.name;
  const condition = typeof op.opts?.if === "string" && op.opts.if ? op.opts.if : undefined;
  if (op.opts?.timeout === "") warnEmptyDuration(ctx, run, step, "timeout");
  const timeoutAt = op.opts?.timeout === "" ? now : resolveDueAt(op.opts?.timeout, now);
  if (!eventName || timeoutAt === undefined) {
    finishRun(ctx, run, "failed", { reason: `step "${step.name}" waits for ${JSON.stringify(eventName)} with timeout ${JSON.stringify(op.opts?.timeout)}, which cannot be scheduled` });
    return;
  }
  if (condition) {
    try {
      compileExpression(condition);
    } catch (error) {
      finishRun(ctx, run, "failed", { reason: `step "${step.name}": ${(error as Error).message}` });
      return;
    }
  }
  step.status = "waiting";
  step.startedAt ??= now;
  step.wait = { event: eventName, if: condition, timeoutAt };
  note(
    ctx,
    run,
    `waiting at "${step.name}" for ${eventName}${condition ? ` where ${condition}` : ""} until ${new Date(timeoutAt).toISOString()} (${formatDuration(timeoutAt - now)})`,
  );
  armWaitTimeout(ctx, run.id, step);
}

/**
 * The SDK (4.24) converts durations with the `ms` package, which cannot read compound strings:
 * `step.sleep("x", "1h30m")` reaches the server as "" and Inngest waits 0. Same here, loudly.
 */
function warnEmptyDuration(ctx: EngineContext, run: Run, step: StepRecord, what: string): void {
  note(
    ctx,
    run,
    `WARNING: step "${step.name}" sent an empty ${what}, treated as 0 as Inngest does; the SDK sends "" for strings its ms parser cannot read, such as "1h30m" (use "90m" or milliseconds)`,
  );
}

/** `step.invoke`: starts the other function's run now and waits for its result. */
export function startInvoke(ctx: EngineContext, run: Run, step: StepRecord, op: Op): void {
  const now = ctx.clock.now();
  const functionId = String(op.opts?.function_id ?? "");
  const target = ctx.store.functions.get(functionId);
  if (!target) {
    completeStep(ctx, run, step.id, { error: { name: "Error", message: `could not invoke ${functionId}: no function with that id is synced` } }, {
      discover: true,
      message: `step "${step.name}" could not invoke ${functionId}: not synced`,
    });
    return;
  }
  const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown>; v?: string };
  const event: EngineEvent = {
    id: ulid(now),
    name: "inngest/function.invoked",
    data: { ...(payload.data ?? {}), _inngest: { source_fn_id: run.functionId, source_run_id: run.id } },
    ts: now,
    ...(payload.v ? { v: payload.v } : {}),
  };
  const timeoutAt = op.opts?.timeout ? resolveDueAt(op.opts.timeout, now) : undefined;
  step.status = "invoking";
  step.startedAt ??= now;
  step.invoke = { functionId, timeoutAt };
  note(ctx, run, `invoking ${functionId} at "${step.name}"`);
  const child = createRun(ctx, target, event, { runId: run.id, stepId: step.id });
  step.invoke.runId = child.id;
  ctx.store.addEvent({ event, receivedAt: now, duplicate: false, startedRuns: [child.id], resumedRuns: [], cancelledRuns: [] });
  if (timeoutAt !== undefined) armInvokeTimeout(ctx, run.id, step);
}

/** Runs waiting for this event whose `if` holds (`event` = their trigger, `async` = this one). */
export function resumeWaiting(ctx: EngineContext, event: EngineEvent): string[] {
  const resumed: string[] = [];
  for (const run of ctx.store.runs.values()) {
    if (!isActive(run)) continue;
    for (const step of Object.values(run.steps)) {
      if (step.status !== "waiting" || !step.wait || step.wait.event !== event.name) continue;
      if (step.wait.if) {
        const result = matchesExpression(step.wait.if, { event: run.event, async: event });
        if (result.error) ctx.log(`run ${run.id}: ${event.name} (event ${event.id}) not matched at "${step.name}": ${result.error}`);
        if (!result.matched) continue;
      }
      const done = completeStep(ctx, run, step.id, { data: event }, {
        discover: true,
        message: `received ${event.name} (event ${event.id}); "${step.name}" resumed`,
      });
      if (done && !resumed.includes(run.id)) resumed.push(run.id);
    }
  }
  return resumed;
}

/** Runs whose function's `cancelOn` matches this event. A run is never cancelled by its own trigger. */
export function cancelMatching(ctx: EngineContext, event: EngineEvent): string[] {
  const cancelled: string[] = [];
  const now = ctx.clock.now();
  for (const run of ctx.store.runs.values()) {
    if (!isActive(run) || run.event.id === event.id) continue;
    const fn = ctx.store.functions.get(run.functionId);
    for (const rule of fn?.cancel ?? []) {
      if (!eventNameMatches(rule.event, event.name)) continue;
      const until = rule.timeout ? resolveDueAt(rule.timeout, run.createdAt) : undefined;
      if (until !== undefined && now > until) continue;
      if (rule.if) {
        const result = matchesExpression(rule.if, { event: run.event, async: event });
        if (result.error) ctx.log(`run ${run.id}: ${event.name} (event ${event.id}) not matched for cancelOn: ${result.error}`);
        if (!result.matched) continue;
      }
      finishRun(ctx, run, "cancelled", { reason: `cancelled by ${event.name} (event ${event.id})` });
      cancelled.push(run.id);
      break;
    }
  }
  return cancelled;
}

/** After loading a snapshot: put every sleep, wait timeout and invoke timeout back on the clock. */
export function rearmParked(ctx: EngineContext): void {
  for (const run of ctx.store.runs.values()) {
    if (!isActive(run)) continue;
    for (const step of Object.values(run.steps)) {
      if (step.status === "sleeping") armSleep(ctx, run.id, step);
      if (step.status === "waiting") armWaitTimeout(ctx, run.id, step);
      if (step.status === "invoking" && step.invoke?.timeoutAt !== undefined) armInvokeTimeout(ctx, run.id, step);
    }
  }
}

function armSleep(ctx: EngineContext, runId: string, step: StepRecord): void {
  ctx.timers.at(`sleep:${runId}:${step.id}`, step.sleepUntil ?? ctx.clock.now(), () => {
    const run = ctx.store.runs.get(runId);
    if (run) completeStep(ctx, run, step.id, { data: null }, { discover: true, message: `woke from sleep at "${step.name}"` });
  });
}

function armWaitTimeout(ctx: EngineContext, runId: string, step: StepRecord): void {
  ctx.timers.at(`wait:${runId}:${step.id}`, step.wait?.timeoutAt ?? ctx.clock.now(), () => {
    const run = ctx.store.runs.get(runId);
    if (run) {
      completeStep(ctx, run, step.id, { data: null }, {
        discover: true,
        message: `wait at "${step.name}" for ${step.wait?.event} timed out; resumed with null`,
      });
    }
  });
}

function armInvokeTimeout(ctx: EngineContext, runId: string, step: StepRecord): void {
  ctx.timers.at(`invoke:${runId}:${step.id}`, step.invoke?.timeoutAt ?? ctx.clock.now(), () => {
    const run = ctx.store.runs.get(runId);
    if (!run) return;
    completeStep(
      ctx,
      run,
      step.id,
      { error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for invoked function to complete" } },
      { discover: true, message: `invoke at "${step.name}" timed out` },
    );
  });
}
