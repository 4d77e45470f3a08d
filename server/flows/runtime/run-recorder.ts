import { db, Prisma, type RunStatus } from "../../db/client";
import type { Effect, TraceEvent } from "../engine";

/**
 * Writes run history as a run progresses: the FlowRun's status, current node and path, and one
 * RunStep per effect with its input, output, error, attempt and timing. Every write is keyed by
 * (run, step id), so a retried or replayed step updates its row instead of adding one.
 *
 * Each call is ONE SQL statement (data-modifying CTEs), because a run's history is written on the
 * hot path of every missed call: the step that starts, the waits that ended before it (a wait
 * cannot run code, so the next write records it) and the run's progress go in together.
 */

/** A step whose end has not been written yet (a wait's result, recorded by the next write). */
export interface FinishedStep {
  stepId: string;
  output?: unknown;
  error?: string;
  attempt: number;
}

const jsonb = (value: unknown) => (value === undefined ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(value)}::jsonb`);

function finishedSteps(runId: string, steps: FinishedStep[]) {
  return steps.map(
    (step, i) => Prisma.sql`, finished_${Prisma.raw(String(i))} AS (
      UPDATE "RunStep" SET
        "status" = ${step.error ? "failed" : "completed"}::"StepStatus",
        "output" = ${jsonb(step.output)},
        "error" = ${step.error ?? null},
        "attempt" = ${step.attempt},
        "endedAt" = now()
      WHERE "runId" = ${runId} AND "stepId" = ${step.stepId}
      RETURNING 1
    )`,
  );
}

const joined = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, "") : Prisma.empty);

function runUpdate(options: { runId: string; status: RunStatus; currentNodeId?: string | null; trace?: TraceEvent[]; outcome?: string | null; error?: string | null }) {
  const ended = options.status === "completed" || options.status === "failed" || options.status === "cancelled";
  // Without a trace (a failure reported from outside the run, which has no path to hand) the path
  // taken so far and the node the run stopped at stay as they are: ops need them to see where it broke.
  const keepPath = options.trace === undefined;
  return Prisma.sql`
    UPDATE "FlowRun" SET
      "status" = ${options.status}::"RunStatus",
      "currentNodeId" = ${keepPath ? Prisma.sql`"currentNodeId"` : Prisma.sql`${options.currentNodeId ?? null}`},
      "trace" = ${keepPath ? Prisma.sql`"trace"` : Prisma.sql`${JSON.stringify(options.trace)}::jsonb`},
      "outcome" = COALESCE(${options.outcome ?? null}, "outcome"),
      "error" = COALESCE(${options.error ?? null}, "error"),
      "endedAt" = ${ended ? Prisma.sql`now()` : Prisma.sql`NULL`},
      "updatedAt" = now()
    WHERE "id" = ${options.runId}`;
}

/**
 * A step starts (or starts again on a retry): its RunStep row, the waits that ended before it,
 * and the run's status, current node and path, in one statement.
 */
export async function recordStepStarted(options: {
  runId: string;
  effect: Effect;
  attempt: number;
  waiting?: boolean;
  trace: TraceEvent[];
  finished?: FinishedStep[];
}) {
  const { runId, effect, attempt } = options;
  const status = options.waiting ? "waiting" : "running";
  await db.$executeRaw`
    WITH started AS (
      INSERT INTO "RunStep" ("id", "runId", "stepId", "nodeId", "kind", "status", "input", "attempt", "startedAt")
      VALUES (${`rs_${crypto.randomUUID()}`}, ${runId}, ${effect.stepId}, ${effect.nodeId}, ${effect.kind}, ${status}::"StepStatus", ${jsonb(effect)}, ${attempt}, now())
      ON CONFLICT ("runId", "stepId") DO UPDATE SET "status" = EXCLUDED."status", "attempt" = EXCLUDED."attempt", "error" = NULL
      RETURNING 1
    )${joined(finishedSteps(runId, options.finished ?? []))}
    ${runUpdate({ runId, status, currentNodeId: effect.nodeId, trace: options.trace })}`;
}

/**
 * A step that ran, written once it is over: its RunStep row (started when it started, ended now,
 * with its output or error and attempt), the waits that ended before it, and the run's status,
 * current node and path — one statement per step instead of one before and one after it. A retry
 * updates the same row (the first attempt's start time stays); between attempts the row shows the
 * last attempt's error.
 */
export async function recordStep(options: Omit<FinishedStep, "stepId"> & { runId: string; effect: Effect; startedAt: Date; trace: TraceEvent[]; finished?: FinishedStep[] }) {
  const { runId, effect } = options;
  await db.$executeRaw`
    WITH step AS (
      INSERT INTO "RunStep" ("id", "runId", "stepId", "nodeId", "kind", "status", "input", "output", "error", "attempt", "startedAt", "endedAt")
      VALUES (${`rs_${crypto.randomUUID()}`}, ${runId}, ${effect.stepId}, ${effect.nodeId}, ${effect.kind},
        ${options.error ? "failed" : "completed"}::"StepStatus", ${jsonb(effect)}, ${jsonb(options.output)}, ${options.error ?? null}, ${options.attempt}, ${options.startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', now())
      ON CONFLICT ("runId", "stepId") DO UPDATE SET "status" = EXCLUDED."status", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
        "attempt" = EXCLUDED."attempt", "endedAt" = EXCLUDED."endedAt"
      RETURNING 1
    )${joined(finishedSteps(runId, options.finished ?? []))}
    ${runUpdate({ runId, status: "running", currentNodeId: effect.nodeId, trace: options.trace })}`;
}

/**
 * The run's status, current node and the path so far (the trace is replaced whole: it only
 * grows), with the waits that ended before it, in one statement.
 */
export async function recordRunProgress(options: {
  runId: string;
  status: RunStatus;
  currentNodeId?: string | null;
  /** The path so far; omit it to keep the recorded path and current node. */
  trace?: TraceEvent[];
  outcome?: string | null;
  error?: string | null;
  finished?: FinishedStep[];
}) {
  const finished = finishedSteps(options.runId, options.finished ?? []);
  await db.$executeRaw`
    ${finished.length ? Prisma.sql`WITH "start" AS (SELECT 1)${joined(finished)}` : Prisma.empty}
    ${runUpdate(options)}`;
}
