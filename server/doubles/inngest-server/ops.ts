import { type Op, toSerializedError } from "./app-client";
import type { EngineContext } from "./context";
import { hashStepId } from "./ids";
import { enqueueDiscovery, enqueueStep, jobsOf } from "./queue";
import { completeStep, finishRun, isActive, note, stepFor } from "./runs";
import type { Job, Run, SerializedError } from "./types";
import { startInvoke, startSleep, startWait } from "./waits";

/** The SDK's id for the op that ends a run (`RunComplete`) or fails it from a checkpoint. */
const RUN_COMPLETE_ID = hashStepId("complete");

/** Ops the SDK may batch with others that need no action here. */
const LAZY_OPS = new Set(["DeferAdd", "DeferAbort"]);

export interface ApplyResult {
  /** A step failed in a way that is worth retrying (`StepError`): the call is retried. */
  stepError?: { stepId: string; error: SerializedError };
}

/**
 * Acts on the ops the app reported, from a call's 206 answer or from a checkpoint made while the
 * SDK keeps running (then step results are memoized but no new call is queued: the SDK is still
 * going). Ops for steps already done or already pending are ignored, which is what makes repeated
 * discovery of the same parallel steps harmless.
 */
export function applyOps(ctx: EngineContext, run: Run, job: Job, ops: Op[], source: "response" | "checkpoint"): ApplyResult {
  const result: ApplyResult = {};
  const real = ops.filter((op) => !LAZY_OPS.has(op.op) && op.op !== "RunComplete");
  if (source === "response" && real.length > 1 && !run.disableImmediateExecution) {
    run.disableImmediateExecution = true;
    note(ctx, run, `reported ${real.length} steps at once; from now on every step is planned before it runs`);
  }

  for (const op of ops) {
    if (!isActive(run)) break;
    if (LAZY_OPS.has(op.op)) {
      ctx.log(`run ${run.id}: ignoring ${op.op} (step.defer is not supported by the local engine)`);
      continue;
    }
    if (op.op === "RunComplete" || (op.id === RUN_COMPLETE_ID && (op.op === "StepFailed" || op.op === "StepError"))) {
      endFromOp(ctx, run, op, result);
      continue;
    }
    if (run.memo[op.id] || isPending(ctx, run, op.id, job)) continue;

    run.opsCount++;
    if (run.opsCount > ctx.options.maxStepsPerRun) {
      finishRun(ctx, run, "failed", {
        reason: `exceeded the step budget of ${ctx.options.maxStepsPerRun} step ops; is a loop creating steps without end?`,
      });
      break;
    }
    applyOne(ctx, run, job, op, source, result);
  }
  ctx.changed();
  return result;
}

function applyOne(ctx: EngineContext, run: Run, job: Job, op: Op, source: "response" | "checkpoint", result: ApplyResult): void {
  const step = stepFor(ctx, run, op);
  const attempt = job.attempt + 1;
  switch (op.op) {
    case "StepRun":
    case "Step": {
      step.attempts = Math.max(step.attempts, attempt);
      step.startedAt ??= job.startedAt;
      completeStep(ctx, run, op.id, { data: op.data ?? null }, {
        discover: source === "response",
        message: `step "${step.name}" ran${attempt > 1 ? ` on attempt ${attempt}` : ""}${source === "checkpoint" ? " (checkpointed)" : ""}`,
      });
      return;
    }
    case "StepError": {
      const error = toSerializedError(op.error);
      step.attempts = Math.max(step.attempts, attempt);
      step.startedAt ??= job.startedAt;
      step.lastError = `${error.name}: ${error.message}`;
      step.status = "retrying";
      result.stepError = { stepId: op.id, error };
      return;
    }
    case "StepFailed": {
      const error = toSerializedError(op.error);
      step.attempts = Math.max(step.attempts, attempt);
      step.startedAt ??= job.startedAt;
      step.lastError = `${error.name}: ${error.message}`;
      completeStep(ctx, run, op.id, { error }, {
        discover: true,
        message: `step "${step.name}" failed for good on attempt ${attempt}: ${error.message}`,
      });
      return;
    }
    case "StepPlanned": {
      enqueueStep(ctx, run, op.id, `step "${step.name}" planned`);
      note(ctx, run, `planned step "${step.name}"`);
      return;
    }
    case "Sleep":
      startSleep(ctx, run, step, op);
      return;
    case "WaitForEvent":
      startWait(ctx, run, step, op);
      return;
    case "InvokeFunction":
      startInvoke(ctx, run, step, op);
      return;
    case "DiscoveryRequest":
      delete run.steps[op.id];
      enqueueDiscovery(ctx, run, "the SDK asked to be called again");
      return;
    default:
      finishRun(ctx, run, "failed", {
        reason: `step "${step.name}" uses ${op.op}, which the local engine does not support`,
      });
  }
}

/** `RunComplete` (the function's return value under checkpointing) or a function error sent as an op. */
function endFromOp(ctx: EngineContext, run: Run, op: Op, result: ApplyResult): void {
  if (op.op === "RunComplete") {
    finishRun(ctx, run, "completed", { output: op.data ?? null });
    return;
  }
  const error = toSerializedError(op.error);
  if (op.op === "StepFailed") finishRun(ctx, run, "failed", { error, reason: `${error.name}: ${error.message}` });
  else result.stepError = { stepId: op.id, error };
}

/** Already sleeping, waiting, invoking, or queued/running as its own call. */
function isPending(ctx: EngineContext, run: Run, stepId: string, current: Job): boolean {
  const step = run.steps[stepId];
  if (step && ["sleeping", "waiting", "invoking"].includes(step.status)) return true;
  return jobsOf(ctx, run.id).some((job) => job.stepId === stepId && job.id !== current.id);
}
