import type { EngineContext } from "./context";
import { evaluateExpression, matchesExpression } from "./expressions";
import { ulid } from "./ids";
import { eventNameMatches } from "./registry";
import { createRun } from "./runs";
import { DEDUPE_WINDOW_MS } from "./store";
import type { EngineEvent, RegisteredFunction, StoredEvent } from "./types";
import { cancelMatching, resumeWaiting } from "./waits";

export type IngestResult = { ok: true; ids: string[] } | { ok: false; error: string };

/**
 * Event intake, for `POST /e/:key` and for the events the engine emits itself. An event whose id
 * was seen in the last 24 hours is recorded but does nothing: that is how a retried webhook that
 * sends `call/missed` with the CallSid as id starts one run, not two.
 */
export function ingestEvents(ctx: EngineContext, payload: unknown): IngestResult {
  const list = Array.isArray(payload) ? payload : [payload];
  const events: EngineEvent[] = [];
  const now = ctx.clock.now();
  for (const [index, raw] of list.entries()) {
    const problem = invalidEvent(raw);
    if (problem) return { ok: false, error: `event ${index}: ${problem}` };
    const input = raw as Record<string, unknown>;
    events.push({
      id: typeof input.id === "string" && input.id ? input.id : ulid(now),
      name: input.name as string,
      data: (input.data as Record<string, unknown> | undefined) ?? {},
      ts: typeof input.ts === "number" && input.ts > 0 ? input.ts : now,
      ...(input.user !== undefined ? { user: input.user } : {}),
      ...(typeof input.v === "string" ? { v: input.v } : {}),
    });
  }
  for (const event of events) handleEvent(ctx, event);
  ctx.store.prune(now);
  return { ok: true, ids: events.map((event) => event.id) };
}

function handleEvent(ctx: EngineContext, event: EngineEvent): void {
  const now = ctx.clock.now();
  const seenAt = ctx.store.seenEventIds.get(event.id);
  const stored: StoredEvent = { event, receivedAt: now, duplicate: false, startedRuns: [], resumedRuns: [], cancelledRuns: [] };
  ctx.store.addEvent(stored);
  if (seenAt !== undefined && now - seenAt <= DEDUPE_WINDOW_MS) {
    stored.duplicate = true;
    ctx.log(`event ${event.name} (id ${event.id}) ignored: an event with this id was received ${Math.round((now - seenAt) / 1000)}s ago`);
    ctx.changed();
    return;
  }
  ctx.store.seenEventIds.set(event.id, now);

  // A cancel wins over a resume: a run cancelled by this event must not also be woken by it.
  stored.cancelledRuns = cancelMatching(ctx, event);
  stored.resumedRuns = resumeWaiting(ctx, event);
  stored.startedRuns = startTriggered(ctx, event);
  if (!event.name.startsWith("inngest/") || stored.startedRuns.length) {
    const did = [
      stored.startedRuns.length && `started ${stored.startedRuns.length}`,
      stored.resumedRuns.length && `resumed ${stored.resumedRuns.length}`,
      stored.cancelledRuns.length && `cancelled ${stored.cancelledRuns.length}`,
    ].filter(Boolean);
    ctx.log(`event ${event.name} (id ${event.id}) received${did.length ? `: ${did.join(", ")} run(s)` : "; no function or waiting run matched"}`);
  }
  ctx.changed();
}

/** One run per function whose trigger (name, and CEL `expression` if any) matches. */
function startTriggered(ctx: EngineContext, event: EngineEvent): string[] {
  const started: string[] = [];
  for (const fn of ctx.store.functions.values()) {
    const trigger = fn.triggers.find((t) => t.event && eventNameMatches(t.event, event.name));
    if (!trigger) continue;
    if (trigger.expression) {
      const result = matchesExpression(trigger.expression, { event });
      if (result.error) ctx.log(`${fn.id}: trigger expression failed on event ${event.id}: ${result.error}`);
      if (!result.matched) continue;
    }
    if (!claimIdempotencyKey(ctx, fn, event)) continue;
    started.push(createRun(ctx, fn, event).id);
  }
  return started;
}

/** `idempotency`: one run per key value per 24 hours. */
function claimIdempotencyKey(ctx: EngineContext, fn: RegisteredFunction, event: EngineEvent): boolean {
  if (!fn.idempotency) return true;
  let value: string;
  try {
    value = JSON.stringify(evaluateExpression(fn.idempotency, { event }));
  } catch (error) {
    ctx.log(`${fn.id}: idempotency key ${fn.idempotency} failed on event ${event.id} (${(error as Error).message}); starting the run anyway`);
    return true;
  }
  const key = `${fn.id}:${value}`;
  const now = ctx.clock.now();
  const at = ctx.store.idempotencyKeys.get(key);
  if (at !== undefined && now - at <= DEDUPE_WINDOW_MS) {
    ctx.log(`${fn.id}: no run for event ${event.id}: idempotency key ${value} already used`);
    return false;
  }
  ctx.store.idempotencyKeys.set(key, now);
  return true;
}

function invalidEvent(raw: unknown): string | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return "an event must be a JSON object";
  const event = raw as Record<string, unknown>;
  if (typeof event.name !== "string" || !event.name.trim()) return "an event needs a name";
  if (event.data !== undefined && (typeof event.data !== "object" || event.data === null || Array.isArray(event.data))) {
    return "an event's data must be an object";
  }
  if (event.id !== undefined && typeof event.id !== "string") return "an event's id must be a string";
  return undefined;
}
