import { toMinutes, type QuietHours } from "../clients/settings-schemas";
import { addDays, instantAt, toIso, toMs, wallTime, type Instant } from "./wall-clock";

/**
 * Quiet hours: a wall-clock range in the client's timezone, usually overnight ("21:00"–"08:00"),
 * during which non-immediate texts wait. Like business hours they follow the wall clock, so a
 * quiet night that spans a DST change still ends at 08:00 local time.
 */

/** Is `instant` inside the quiet hours? Always false when the client has none. */
export function isQuietHours(quietHours: QuietHours, tz: string, instant: Instant | number): boolean {
  if (!quietHours) return false;
  const { minutes } = wallTime(tz, instant);
  const start = toMinutes(quietHours.start);
  const end = toMinutes(quietHours.end);
  return end > start ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * When a text deferred by quiet hours may go out: `instant` itself outside quiet hours, otherwise
 * the instant the quiet hours end.
 */
export function endOfQuietHours(quietHours: QuietHours, tz: string, instant: Instant | number): Instant {
  const ms = toMs(instant);
  if (!quietHours || !isQuietHours(quietHours, tz, ms)) return toIso(ms);
  const { date, minutes } = wallTime(tz, ms);
  const end = toMinutes(quietHours.end);
  // Before the end time we are in this morning's tail; after it, in tonight's stretch.
  const endDate = minutes < end ? date : addDays(date, 1);
  return toIso(instantAt(tz, endDate, end));
}
