import type { Op } from "./app-client";
import type { EngineContext } from "./context";
import { armCrons } from "./cron";
import { applyOps } from "./ops";
import { wakeUnreachable } from "./queue";
import { parseRegistration } from "./registry";
import { isActive } from "./runs";

/**
 * The parts of Inngest's API the SDK calls in dev mode, besides event intake: app sync, async
 * checkpoints, and the two "fetch the full payload" endpoints of spec 4.4.2.
 */

export type ApiAnswer = { status: number; body: unknown };

/** `POST /fn/register`: the SDK's out-of-band sync, answered as Inngest answers it. */
export function registerApp(ctx: EngineContext, body: unknown): ApiAnswer {
  const now = ctx.clock.now();
  const appName = (body as { appName?: unknown } | null)?.appName;
  const previous = typeof appName === "string" ? [...ctx.store.functions.values()].filter((fn) => fn.appId === appName) : undefined;
  const result = parseRegistration(body, now, previous?.length ? previous : undefined);
  if (!result.ok) {
    ctx.log(`sync refused: ${result.error}`);
    return { status: 400, body: { error: result.error } };
  }
  for (const fn of previous ?? []) ctx.store.functions.delete(fn.id);
  for (const fn of result.functions) ctx.store.functions.set(fn.id, fn);
  ctx.store.apps.set(result.app.id, result.app);
  armCrons(ctx);
  if (result.modified) {
    const names = result.functions.map((fn) => fn.id).join(", ") || "no functions";
    ctx.log(`app ${result.app.id} synced from ${result.app.url}: ${names}`);
    for (const warning of result.warnings) ctx.log(`app ${result.app.id}: ${warning}`);
  }
  const woken = wakeUnreachable(ctx, result.app.id);
  if (woken) ctx.log(`app ${result.app.id} is back: retrying ${woken} call(s) now`);
  ctx.changed();
  return { status: 200, body: { ok: true, modified: result.modified } };
}

/**
 * `POST /v1/checkpoint/:runId/async`: steps the SDK ran inside one call (checkpointing, v4's
 * default). Their results are memoized at once, so if the call then dies they are not run again.
 * A 409 tells the SDK its call is stale (the run ended, or this call is no longer the one the
 * engine is waiting on) and it stops instead of running more steps.
 */
export function checkpointAsync(ctx: EngineContext, runId: string, body: unknown): ApiAnswer {
  const run = ctx.store.runs.get(runId);
  if (!run) return { status: 404, body: { error: `run ${runId} not found` } };
  const payload = (body ?? {}) as { qi_id?: unknown; steps?: unknown };
  const job = typeof payload.qi_id === "string" ? ctx.store.jobs.get(payload.qi_id) : undefined;
  if (!isActive(run) || !job || job.runId !== run.id || job.state !== "in-flight") {
    return { status: 409, body: { error: `stale call for run ${runId}: it is ${run.status} or this call was superseded` } };
  }
  if (!Array.isArray(payload.steps) || !payload.steps.every((op) => op && typeof op.id === "string" && typeof op.op === "string")) {
    return { status: 400, body: { error: "steps must be an array of step ops" } };
  }
  applyOps(ctx, run, job, payload.steps as Op[], "checkpoint");
  return { status: 200, body: { ok: true } };
}

/** `GET /v0/runs/:runId/batch`: the run's events, for an SDK told to `use_api`. */
export function runBatch(ctx: EngineContext, runId: string): ApiAnswer {
  const run = ctx.store.runs.get(runId);
  return run ? { status: 200, body: run.events } : { status: 404, body: { error: `run ${runId} not found`, status: 404 } };
}

/** `GET /v0/runs/:runId/actions`: the run's memoized steps, for an SDK told to `use_api`. */
export function runActions(ctx: EngineContext, runId: string): ApiAnswer {
  const run = ctx.store.runs.get(runId);
  return run ? { status: 200, body: run.memo } : { status: 404, body: { error: `run ${runId} not found`, status: 404 } };
}
