/**
 * Time strings as Inngest's SDK spec defines them ("300ms", "1h30m", "2d", "1w", fractions allowed)
 * and the absolute ISO dates the SDK sends for `sleepUntil` or a `Date` timeout.
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ns|us|µs|ms|s|m|h|d|w)/gy;

/** Milliseconds in a time string such as "1h30m", or undefined when it is not one. */
export function parseTimeString(input: string): number | undefined {
  const text = input.trim();
  if (!text) return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = PART.lastIndex;
    // Allow "1h 30m" as the SDK's own parser does.
    while (text[PART.lastIndex] === " ") PART.lastIndex++;
  }
  return consumed === text.length ? Math.round(total) : undefined;
}

/** An ISO 8601 / RFC 3339 date as epoch milliseconds, or undefined. */
export function parseIsoDate(input: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(input.trim())) return undefined;
  const at = Date.parse(input);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * When something given as "a duration or a date" is due, measured from `now`.
 * Inngest accepts both forms for sleeps and wait timeouts.
 */
export function resolveDueAt(spec: unknown, now: number): number | undefined {
  if (typeof spec === "number" && Number.isFinite(spec)) return now + spec;
  if (typeof spec !== "string") return undefined;
  const duration = parseTimeString(spec);
  if (duration !== undefined) return now + duration;
  return parseIsoDate(spec);
}

/** "1h 2m 3s" for logs: readable, not round-trippable. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}

/** Delay before retry number `attempt` (1 = first retry): exponential from `baseMs`, capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(maxMs, Math.round(exponential));
}

/** The `Retry-After` header: seconds, an HTTP date, or (as Inngest allows) an ISO date. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  if (!Number.isNaN(at)) return Math.max(0, at - now);
  const duration = parseTimeString(value);
  return duration;
}

/**
 * Inngest's default retry schedule (the backoff table in `pkg/backoff` of inngest/inngest): the
 * delay before the 1st, 2nd, … retry, after the last one the last delay again.
 */
export const INNGEST_BACKOFF_MS = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 2_400_000, 3_600_000, 7_200_000];
/** Inngest adds 0–30 s at random to each delay, so failures at the same moment do not retry in lock-step. */
export const INNGEST_JITTER_MS = 30_000;

/** Delay before retry number `attempt` (1 = first retry) on Inngest's schedule, with its jitter. */
export function inngestBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = INNGEST_BACKOFF_MS[Math.min(Math.max(1, attempt), INNGEST_BACKOFF_MS.length) - 1];
  return base + Math.floor(random() * INNGEST_JITTER_MS);
}
