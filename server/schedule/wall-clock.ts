import { tzOffset } from "@date-fns/tz";
import type { Weekday } from "../clients/settings-schemas";

/**
 * Instants vs wall-clock time.
 *
 * An *instant* is a point in time. The public API of server/schedule takes and returns instants as
 * ISO-8601 strings (`"2026-03-08T08:30:00.000Z"`, any offset accepted on input, always UTC `Z` on
 * output) because they travel through JSON (engine state, Inngest steps, tRPC) and read well in run
 * history. Internally we compute with epoch milliseconds.
 *
 * A *wall-clock time* is what a clock on the business's wall shows: a local date and minutes since
 * local midnight. Business hours, closures and quiet hours are written in wall-clock time, so DST
 * never shifts them: "09:00" is 09:00 whatever the offset that day.
 */
export type Instant = string;

const MINUTE = 60_000;
const DAY = 86_400_000;
const weekdays: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Epoch ms of an ISO instant (or pass-through of ms); throws on text that is not a date. */
export function toMs(instant: Instant | number): number {
  const ms = typeof instant === "number" ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return ms;
}

export const toIso = (ms: number): Instant => new Date(ms).toISOString();

/** The wall clock of `tz` at one instant. */
export type WallTime = {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
};

/** UTC offset of `tz` at `ms`, in minutes (Chicago in winter: -360). */
export const offsetAt = (tz: string, ms: number): number => tzOffset(tz, new Date(ms));

/** The wall-clock reading at `ms`, as epoch ms of the same reading in UTC ("local ms"). */
const localMs = (tz: string, ms: number) => ms + offsetAt(tz, ms) * MINUTE;

export function wallTime(tz: string, instant: Instant | number): WallTime {
  const local = localMs(tz, toMs(instant));
  const dayStart = Math.floor(local / DAY) * DAY;
  return { date: dateOf(dayStart), weekday: weekdays[new Date(dayStart).getUTCDay()], minutes: Math.floor((local - dayStart) / MINUTE) };
}

const dateOf = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);
const midnightOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Calendar arithmetic on YYYY-MM-DD dates (no timezone involved). */
export const addDays = (date: string, days: number): string => dateOf(midnightOf(date) + days * DAY);

export const weekdayOf = (date: string): Weekday => weekdays[new Date(midnightOf(date)).getUTCDay()];

/** Whole days from date `a` to date `b`. */
export const daysBetween = (a: string, b: string): number => Math.round((midnightOf(b) - midnightOf(a)) / DAY);

/**
 * The first instant at which the wall clock of `tz` reads `minutes` on `date` or later.
 *
 * - An ordinary time has exactly one instant.
 * - On the fall-back day a time such as 01:30 happens twice; the earlier one is returned, because
 *   that is when a business "opening at 01:30" first opens.
 * - On the spring-forward day 02:30 never happens; the instant the clocks jump (03:00 local) is
 *   returned, because that is the first moment the wall clock is past 02:30.
 */
export function instantAt(tz: string, date: string, minutes: number): number {
  const wall = midnightOf(date) + minutes * MINUTE;
  // Offsets a day either side bracket any single DST change (changes are months apart).
  const candidates = [offsetAt(tz, wall - DAY), offsetAt(tz, wall + DAY)].map((o) => wall - o * MINUTE);
  const exact = candidates.filter((c) => localMs(tz, c) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // A gap: search, to the minute, for the first instant whose wall clock has passed `wall`.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localMs(tz, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return localMs(tz, lo) >= wall ? lo : hi;
}
