import { db, Prisma, type RunStatus } from "../../db/client";
import type { Effect, TraceEvent } from "../engine";

/**
 * Writes run history as a run progresses: the FlowRun's status, current node and path, and one
 * RunStep per effect with its input, output, error, attempt and timing. Every write is keyed by
 * (run, step id), so a retried or replayed step updates its row instead of adding one.
 */
const json = (value: unknown) => (value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

export async function recordStepStarted(options: { runId: string; effect: Effect; attempt: number; waiting?: boolean }) {
  const { runId, effect, attempt } = options;
  const status = options.waiting ? "waiting" : "running";
  await db.runStep.upsert({
    where: { runId_stepId: { runId, stepId: effect.stepId } },
    create: { runId, stepId: effect.stepId, nodeId: effect.nodeId, kind: effect.kind, status, input: json(effect), attempt },
    update: { status, attempt, error: null },
  });
}

export async function recordStepFinished(options: { runId: string; stepId: string; output?: unknown; error?: string; attempt: number }) {
  await db.runStep.update({
    where: { runId_stepId: { runId: options.runId, stepId: options.stepId } },
    data: {
      status: options.error ? "failed" : "completed",
      output: json(options.output),
      error: options.error ?? null,
      attempt: options.attempt,
      endedAt: new Date(),
    },
  });
}

/** The run's status, current node and the path so far (the trace is replaced whole: it only grows). */
export async function recordRunProgress(options: {
  runId: string;
  status: RunStatus;
  currentNodeId?: string | null;
  trace: TraceEvent[];
  outcome?: string | null;
  error?: string | null;
}) {
  const ended = options.status === "completed" || options.status === "failed" || options.status === "cancelled";
  await db.flowRun.update({
    where: { id: options.runId },
    data: {
      status: options.status,
      currentNodeId: options.currentNodeId ?? null,
      trace: options.trace as unknown as Prisma.InputJsonValue,
      outcome: options.outcome ?? undefined,
      error: options.error ?? undefined,
      endedAt: ended ? new Date() : null,
    },
  });
}
