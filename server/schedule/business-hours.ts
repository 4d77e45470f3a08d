import { toMinutes, type ClientSchedule, type TimeRange } from "../clients/settings-schemas";
import { addDays, instantAt, toIso, toMs, wallTime, weekdayOf, type Instant } from "./wall-clock";

/**
 * Business hours in the client's timezone.
 *
 * Hours are wall-clock ranges per weekday. A range whose end is not after its start runs past
 * midnight into the next day ("22:00"–"02:00"). A closure date cancels the ranges that *start* on
 * that date, overnight tail included, and leaves the previous night's tail alone: a bar open
 * Friday 20:00–02:00 that is closed on Saturday is still open at 01:00 on Saturday morning.
 *
 * Being open is decided by the wall clock, so DST never moves the hours: on the fall-back day a
 * 01:00–02:00 range is open during both passes of 01:xx, and on the spring-forward day a 02:00–02:30
 * range never opens (that half hour does not exist).
 */

/** Longest stretch we look ahead for an opening: covers a year of closures. */
const SEARCH_DAYS = 400;

const isClosed = (schedule: ClientSchedule, date: string) => schedule.closures.some((c) => c.date === date);

const rangesOn = (schedule: ClientSchedule, date: string): TimeRange[] =>
  isClosed(schedule, date) ? [] : schedule.businessHours[weekdayOf(date)];

const isOvernight = (r: TimeRange) => toMinutes(r.end) <= toMinutes(r.start);

/** Is the business open at this instant? */
export function isOpen(schedule: ClientSchedule, instant: Instant | number): boolean {
  const { date, minutes } = wallTime(schedule.timezone, instant);
  const today = rangesOn(schedule, date).some((r) =>
    isOvernight(r) ? minutes >= toMinutes(r.start) : minutes >= toMinutes(r.start) && minutes < toMinutes(r.end),
  );
  if (today) return true;
  // Yesterday's overnight ranges spill into the early hours of today.
  return rangesOn(schedule, addDays(date, -1)).some((r) => isOvernight(r) && minutes < toMinutes(r.end));
}

/**
 * The first instant at or after `instant` when the business is open: `instant` itself when it is
 * open now, null when the schedule has no opening in the next 400 days (no hours at all).
 */
export function nextOpening(schedule: ClientSchedule, instant: Instant | number): Instant | null {
  const from = toMs(instant);
  if (isOpen(schedule, from)) return toIso(from);
  const startDate = wallTime(schedule.timezone, from).date;
  for (let day = 0; day <= SEARCH_DAYS; day++) {
    const date = addDays(startDate, day);
    const starts = rangesOn(schedule, date)
      .map((r) => instantAt(schedule.timezone, date, toMinutes(r.start)))
      .filter((ms) => ms > from)
      .sort((a, b) => a - b);
    // A range that lies wholly inside a spring-forward gap "starts" at the jump but is never open.
    const first = starts.find((ms) => isOpen(schedule, ms));
    if (first !== undefined) return toIso(first);
  }
  return null;
}

/** One opening stretch as instants, [start, end). */
export type OpenInterval = { start: number; end: number };

/**
 * The opening stretches that start on local dates `fromDate`..`fromDate + days - 1`, in order, as
 * epoch-ms intervals. Used to lay out booking slots.
 */
export function openIntervals(schedule: ClientSchedule, fromDate: string, days: number): OpenInterval[] {
  const out: OpenInterval[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays(fromDate, day);
    for (const r of rangesOn(schedule, date)) {
      const endDate = isOvernight(r) ? addDays(date, 1) : date;
      const start = instantAt(schedule.timezone, date, toMinutes(r.start));
      const end = instantAt(schedule.timezone, endDate, toMinutes(r.end));
      if (end > start) out.push({ start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
