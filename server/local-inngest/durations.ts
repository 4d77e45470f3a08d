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

/**
 * Delay before retry number `attempt` (1 = first retry): exponential from `baseMs`, capped, with a
 * little deterministic spread so simultaneous failures do not retry in lock-step.
 */
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
