import type { BookingSettings, ClientSchedule } from "../clients/settings-schemas";
import { openIntervals } from "./business-hours";
import { addDays, toIso, toMs, wallTime, type Instant } from "./wall-clock";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A bookable time, as ISO instants. */
export type Slot = { startsAt: Instant; endsAt: Instant };

/** An appointment already in the calendar (only its time matters here). */
export type BusyTime = { startsAt: Instant | number; endsAt: Instant | number };

export type FreeSlotsOptions = {
  schedule: ClientSchedule;
  booking: Pick<BookingSettings, "slotMinutes" | "bufferMinutes" | "daysAhead">;
  /** Slots start at or after this instant (usually "now"). */
  from: Instant | number;
  existing: BusyTime[];
  /** How many slots to return at most. */
  count: number;
};

/**
 * The next free slots inside business hours.
 *
 * Each opening stretch is cut into slots of `slotMinutes`, one every `slotMinutes + bufferMinutes`,
 * starting at the opening time so slots land on times people expect (09:00, 09:45, …). A slot is
 * free when it, widened by the buffer, does not overlap an existing appointment. Only slots that
 * start within `daysAhead` × 24 hours of `from` are offered.
 */
export function freeSlots({ schedule, booking, from, existing, count }: FreeSlotsOptions): Slot[] {
  const fromMs = toMs(from);
  const horizon = fromMs + booking.daysAhead * DAY;
  const slot = booking.slotMinutes * MINUTE;
  const buffer = booking.bufferMinutes * MINUTE;
  const busy = existing.map((a) => ({ start: toMs(a.startsAt) - buffer, end: toMs(a.endsAt) + buffer }));
  // Start a day early: last night's overnight stretch may still be open at `from`.
  const firstDate = addDays(wallTime(schedule.timezone, fromMs).date, -1);
  const intervals = openIntervals(schedule, firstDate, booking.daysAhead + 2);

  const out: Slot[] = [];
  for (const interval of intervals) {
    for (let start = interval.start; start + slot <= interval.end; start += slot + buffer) {
      if (out.length >= count || start >= horizon) return out;
      if (start < fromMs) continue;
      const end = start + slot;
      if (busy.some((b) => start < b.end && end > b.start)) continue;
      out.push({ startsAt: toIso(start), endsAt: toIso(end) });
    }
  }
  return out;
}
