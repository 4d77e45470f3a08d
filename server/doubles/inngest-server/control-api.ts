import { parseIsoDate, parseTimeString } from "./durations";
import type { LocalInngestEngine } from "./engine";
import { HttpError, type Reply } from "./http-error";

/**
 * `/control/*`: what tests and the app's development pages use to see and steer the engine.
 *
 *   GET  /control/health                      counts, clock
 *   GET  /control/runs?status=&function=&event=&eventId=&limit=
 *   GET  /control/runs/:id                    steps, attempts, timings, output/error, history
 *   POST /control/runs/:id/cancel {reason?}
 *   GET  /control/events?name=&limit=
 *   POST /control/events                      same as POST /e/:key
 *   GET  /control/apps
 *   POST /control/apps/sync {url}             PUT the app's serve URL so it syncs
 *   POST /control/reset {apps?}
 *   GET  /control/clock
 *   POST /control/clock/advance {ms} | {duration: "24h"}
 *   POST /control/clock/set {now: ISO string | epoch ms}
 */
export async function handleControl(
  engine: LocalInngestEngine,
  method: string,
  path: string,
  query: URLSearchParams,
  body: () => Promise<unknown>,
): Promise<Reply> {
  const ok = (value: unknown): Reply => ({ status: 200, body: value });
  const segments = path.split("/").filter(Boolean).slice(1);
  const [resource, id, action] = segments;
  const target = resource === "runs" && id ? `runs/:id${action ? `/${action}` : ""}` : segments.join("/");
  const route = `${method} ${target}`;

  switch (route) {
    case "GET health":
      return ok(engine.health());
    case "GET runs":
      return ok({
        runs: engine.listRuns({
          status: query.get("status") ?? undefined,
          functionId: query.get("function") ?? undefined,
          eventName: query.get("event") ?? undefined,
          eventId: query.get("eventId") ?? undefined,
          limit: numberParam(query.get("limit")),
        }),
      });
    case "GET runs/:id": {
      const run = engine.getRun(decodeURIComponent(id));
      if (!run) throw new HttpError(404, `run ${id} not found`);
      return ok(run);
    }
    case "POST runs/:id/cancel": {
      const input = asObject(await body());
      const reason = typeof input.reason === "string" ? input.reason : undefined;
      if (!engine.cancelRun(decodeURIComponent(id), reason)) throw new HttpError(409, `run ${id} is not running`);
      return ok({ ok: true });
    }
    case "GET events":
      return ok({ events: engine.listEvents({ name: query.get("name") ?? undefined, limit: numberParam(query.get("limit")) }) });
    case "POST events": {
      const result = engine.ingest(await body());
      if (!result.ok) throw new HttpError(400, result.error);
      return ok({ ids: result.ids, status: 200 });
    }
    case "GET apps":
      return ok({ apps: engine.listApps() });
    case "POST apps/sync": {
      const input = asObject(await body());
      if (typeof input.url !== "string" || !URL.canParse(input.url)) throw new HttpError(400, "url must be the app's serve URL, e.g. http://127.0.0.1:3000/api/inngest");
      const outcome = await engine.syncApp(input.url);
      if (!outcome.ok) engine.ctx.log(`sync of ${input.url} failed: ${outcome.status ?? "no answer"} ${outcome.message}`);
      return { status: outcome.ok ? 200 : 502, body: outcome };
    }
    case "POST reset":
      engine.reset({ apps: asObject(await body()).apps === true });
      return ok({ ok: true });
    case "GET clock":
      return ok(engine.clock());
    case "POST clock/advance":
      return ok(engine.advanceClock(advanceBy(asObject(await body()))));
    case "POST clock/set": {
      const at = timeParam(asObject(await body()).now);
      if (at < engine.clock().nowMs) throw new HttpError(400, "the clock only moves forward; that time is in its past");
      return ok(engine.setClock(at));
    }
    default:
      throw new HttpError(404, `no control route for ${method} ${path}`);
  }
}

function advanceBy(input: Record<string, unknown>): number {
  if (typeof input.ms === "number" && input.ms >= 0) return input.ms;
  if (typeof input.duration === "string") {
    const ms = parseTimeString(input.duration);
    if (ms !== undefined) return ms;
  }
  throw new HttpError(400, 'give {"ms": <non-negative number>} or {"duration": "24h"}');
}

function timeParam(value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const at = parseIsoDate(value);
    if (at !== undefined) return at;
  }
  throw new HttpError(400, 'give {"now": "<ISO date>"} or {"now": <epoch ms>}');
}

function numberParam(value: string | null): number | undefined {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
