import { wallTime, type Instant } from "./wall-clock";

/**
 * Times written for a text message. Built by hand rather than with Intl: newer ICU versions put a
 * narrow no-break space before "AM", which would silently switch a text to UCS-2 and halve its
 * length, and the output must not change with the runtime.
 */

const dayNames = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" } as const;
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "9:05 AM" from minutes since midnight. */
export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

/** "9:47 PM" in the client's timezone. */
export function formatTime(instant: Instant | number, tz: string): string {
  return formatClock(wallTime(tz, instant).minutes);
}

/** "Tue Mar 10, 9:00 AM" in the client's timezone. */
export function formatDayTime(instant: Instant | number, tz: string): string {
  const w = wallTime(tz, instant);
  const [, month, day] = w.date.split("-").map(Number);
  return `${dayNames[w.weekday]} ${monthNames[month - 1]} ${day}, ${formatClock(w.minutes)}`;
}
