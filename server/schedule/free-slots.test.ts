import { describe, expect, it } from "vitest";
import { formatDayTime } from "./format";
import { freeSlots } from "./free-slots";
import { emptyWeek, scheduleFor } from "./test-schedules";

const tz = "America/Chicago";
const mornings = scheduleFor(tz, {
  businessHours: { ...emptyWeek, mon: [{ start: "09:00", end: "12:00" }], tue: [{ start: "09:00", end: "12:00" }] },
});
const booking = { slotMinutes: 30, bufferMinutes: 15, daysAhead: 7 };
const local = (slots: { startsAt: string }[]) => slots.map((s) => formatDayTime(s.startsAt, tz));

describe("freeSlots", () => {
  it("cuts opening hours into slots one slot-plus-buffer apart, from the opening time", () => {
    const slots = freeSlots({ schedule: mornings, booking, from: "2026-01-12T12:00:00Z", existing: [], count: 5 });
    expect(local(slots)).toEqual(["Mon Jan 12, 9:00 AM", "Mon Jan 12, 9:45 AM", "Mon Jan 12, 10:30 AM", "Mon Jan 12, 11:15 AM", "Tue Jan 13, 9:00 AM"]);
    expect(slots[0]).toEqual({ startsAt: "2026-01-12T15:00:00.000Z", endsAt: "2026-01-12T15:30:00.000Z" });
  });

  it("offers nothing that has already started", () => {
    const slots = freeSlots({ schedule: mornings, booking, from: "2026-01-12T16:00:00Z", existing: [], count: 2 });
    expect(local(slots)).toEqual(["Mon Jan 12, 10:30 AM", "Mon Jan 12, 11:15 AM"]);
  });

  it("skips slots that overlap an appointment or its buffer", () => {
    const existing = [{ startsAt: "2026-01-12T15:50:00Z", endsAt: "2026-01-12T16:20:00Z" }]; // 09:50–10:20
    const slots = freeSlots({ schedule: mornings, booking, from: "2026-01-12T12:00:00Z", existing, count: 3 });
    // 09:45 overlaps; 10:30 starts within 15 minutes of its end (10:20 + 15 = 10:35): both skipped.
    expect(local(slots)).toEqual(["Mon Jan 12, 9:00 AM", "Mon Jan 12, 11:15 AM", "Tue Jan 13, 9:00 AM"]);
  });

  it("stays within daysAhead", () => {
    const slots = freeSlots({ schedule: mornings, booking: { ...booking, daysAhead: 1 }, from: "2026-01-12T17:14:00Z", existing: [], count: 10 });
    // From Mon 11:14, a day ahead ends Tue 11:14: Tuesday's 11:15 is one minute too late.
    expect(local(slots)).toEqual(["Mon Jan 12, 11:15 AM", "Tue Jan 13, 9:00 AM", "Tue Jan 13, 9:45 AM", "Tue Jan 13, 10:30 AM"]);
  });

  it("skips closures", () => {
    const closed = { ...mornings, closures: [{ date: "2026-01-12" }] };
    const slots = freeSlots({ schedule: closed, booking, from: "2026-01-12T12:00:00Z", existing: [], count: 1 });
    expect(local(slots)).toEqual(["Tue Jan 13, 9:00 AM"]);
  });

  it("lays slots across midnight in an overnight range, including one still open from last night", () => {
    const nights = scheduleFor(tz, { businessHours: { ...emptyWeek, fri: [{ start: "23:00", end: "01:00" }] } });
    const fromLastNight = freeSlots({ schedule: nights, booking: { ...booking, bufferMinutes: 0 }, from: "2026-01-17T06:10:00Z", existing: [], count: 2 });
    expect(local(fromLastNight)).toEqual(["Sat Jan 17, 12:30 AM", "Fri Jan 23, 11:00 PM"]);
  });

  it("keeps slots at the same wall-clock times across the March DST change", () => {
    const slots = freeSlots({ schedule: mornings, booking: { ...booking, daysAhead: 10 }, from: "2026-03-06T12:00:00Z", existing: [], count: 5 });
    expect(slots[0].startsAt).toBe("2026-03-09T14:00:00.000Z"); // Mon 09:00 CDT
    expect(local(slots)[4]).toBe("Tue Mar 10, 9:00 AM");
  });

  it("returns fewer slots than asked when the calendar is full, and none for no hours", () => {
    expect(freeSlots({ schedule: mornings, booking: { ...booking, daysAhead: 1 }, from: "2026-01-12T12:00:00Z", existing: [], count: 50 })).toHaveLength(4);
    expect(freeSlots({ schedule: scheduleFor(tz, { businessHours: emptyWeek }), booking, from: "2026-01-12T12:00:00Z", existing: [], count: 3 })).toEqual([]);
  });
});
