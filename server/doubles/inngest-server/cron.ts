import { Cron } from "croner";
import type { EngineContext } from "./context";
import { ulid } from "./ids";
import { createRun } from "./runs";
import type { RegisteredFunction } from "./types";

/**
 * Cron triggers, as Inngest runs them: at each time the schedule names (on the engine's virtual
 * clock, so a test that advances the clock past it fires it), one run of the function for the event
 * `inngest/scheduled.timer` with `data.cron` and `ts` = the scheduled time. Times that passed while
 * the engine was down, or that one clock jump skipped, fire once, dated the latest of them, not once
 * each (Inngest does not backfill either). `TZ=Area/City 0 9 * * *` reads the schedule in that time zone; UTC otherwise.
 */
export const SCHEDULED_EVENT = "inngest/scheduled.timer";

export function parseCron(spec: string): { pattern: string; timezone: string } | { error: string } {
  const tz = spec.trim().match(/^(?:CRON_TZ|TZ)=(\S+)\s+(.+)$/);
  const pattern = (tz ? tz[2] : spec).trim();
  const timezone = tz ? tz[1] : "UTC";
  try {
    new Cron(pattern, { timezone, paused: true });
  } catch (error) {
    return { error: `cron "${spec}" is not a valid schedule: ${(error as Error).message}` };
  }
  return { pattern, timezone };
}

/** The first time after `after` that `spec` names, or undefined for a schedule that never fires again. */
export function nextCronTime(spec: string, after: number): number | undefined {
  const parsed = parseCron(spec);
  if ("error" in parsed) return undefined;
  return new Cron(parsed.pattern, { timezone: parsed.timezone, paused: true }).nextRun(new Date(after))?.getTime();
}

const timerKey = (fn: RegisteredFunction, spec: string) => `cron:${fn.id}:${spec}`;

/** (Re)arms one timer per cron trigger of every synced function; drops timers of functions gone. */
export function armCrons(ctx: EngineContext): void {
  const wanted = new Set<string>();
  if (!ctx.options.crons) return;
  for (const fn of ctx.store.functions.values()) {
    for (const spec of fn.triggers.map((t) => t.cron).filter((c): c is string => !!c)) {
      const key = timerKey(fn, spec);
      wanted.add(key);
      if (!ctx.timers.has(key)) schedule(ctx, fn.id, spec, ctx.clock.now());
    }
  }
  ctx.timers.cancelWhere((key) => key.startsWith("cron:") && !wanted.has(key));
}

function schedule(ctx: EngineContext, fnId: string, spec: string, after: number): void {
  const fn = ctx.store.functions.get(fnId);
  const dueAt = fn && nextCronTime(spec, after);
  if (!fn || dueAt === undefined) return;
  ctx.timers.at(timerKey(fn, spec), dueAt, () => fire(ctx, fnId, spec, dueAt));
}

function fire(ctx: EngineContext, fnId: string, spec: string, dueAt: number): void {
  const fn = ctx.store.functions.get(fnId);
  if (!fn || !fn.triggers.some((t) => t.cron === spec)) return;
  // One run for all the times a clock jump passed, dated the latest of them.
  let scheduledAt = dueAt;
  for (let i = 0, next = nextCronTime(spec, dueAt); next !== undefined && next <= ctx.clock.now() && i < 100_000; i++, next = nextCronTime(spec, next)) scheduledAt = next;
  const event = { id: ulid(scheduledAt), name: SCHEDULED_EVENT, data: { cron: spec }, ts: scheduledAt };
  const run = createRun(ctx, fn, event);
  ctx.store.addEvent({ event, receivedAt: ctx.clock.now(), duplicate: false, startedRuns: [run.id], resumedRuns: [], cancelledRuns: [] });
  schedule(ctx, fnId, spec, Math.max(scheduledAt, ctx.clock.now()));
}
