import { describe, expect, it } from "vitest";
import { isOpen, nextOpening, openIntervals } from "./business-hours";
import { emptyWeek, scheduleFor } from "./test-schedules";

const chicago = scheduleFor("America/Chicago");
const newYork = scheduleFor("America/New_York");

describe("isOpen with several ranges a day and an overnight range (Chicago, winter)", () => {
  it.each([
    ["Mon 08:59", "2026-01-12T14:59:00Z", false],
    ["Mon 09:00 (opening minute)", "2026-01-12T15:00:00Z", true],
    ["Mon 11:59", "2026-01-12T17:59:00Z", true],
    ["Mon 12:00 (lunch starts: end is exclusive)", "2026-01-12T18:00:00Z", false],
    ["Mon 13:00 (afternoon range)", "2026-01-12T19:00:00Z", true],
    ["Mon 17:00", "2026-01-12T23:00:00Z", false],
    ["Fri 21:47 (overnight range)", "2026-01-17T03:47:00Z", true],
    ["Sat 01:59 (overnight tail)", "2026-01-17T07:59:00Z", true],
    ["Sat 02:00 (overnight range ended)", "2026-01-17T08:00:00Z", false],
    ["Sat 10:00", "2026-01-17T16:00:00Z", true],
    ["Sun 12:00 (no hours)", "2026-01-18T18:00:00Z", false],
    ["Mon 01:00 (Sunday has no overnight range)", "2026-01-19T07:00:00Z", false],
  ])("%s → %s", (_when, instant, open) => {
    expect(isOpen(chicago, instant)).toBe(open);
  });

  it("accepts epoch milliseconds as well as ISO strings", () => {
    expect(isOpen(chicago, Date.parse("2026-01-12T15:00:00Z"))).toBe(true);
  });
});

describe("closures", () => {
  const closedSaturday = scheduleFor("America/Chicago", { closures: [{ date: "2026-01-17", label: "Stocktake" }] });

  it("close the whole day's ranges", () => {
    expect(isOpen(closedSaturday, "2026-01-17T16:00:00Z")).toBe(false); // Sat 10:00
  });

  it("keep the previous night's overnight tail open", () => {
    expect(isOpen(closedSaturday, "2026-01-17T07:00:00Z")).toBe(true); // Sat 01:00, Friday's shift
  });

  it("close a closed day's own overnight range, tail included", () => {
    const closedFriday = scheduleFor("America/Chicago", { closures: [{ date: "2026-01-16" }] });
    expect(isOpen(closedFriday, "2026-01-17T03:00:00Z")).toBe(false); // Fri 21:00
    expect(isOpen(closedFriday, "2026-01-17T07:00:00Z")).toBe(false); // Sat 01:00
  });
});

describe("DST: hours follow the wall clock", () => {
  it.each([
    ["Chicago", chicago, "2026-03-06T15:00:00Z", "2026-03-09T14:00:00Z"],
    ["New York", newYork, "2026-03-06T14:00:00Z", "2026-03-09T13:00:00Z"],
  ])("%s opens at 09:00 local on both sides of the March change", (_city, schedule, friday, monday) => {
    expect(isOpen(schedule, friday)).toBe(true);
    expect(isOpen(schedule, new Date(Date.parse(friday) - 60_000).toISOString())).toBe(false);
    expect(isOpen(schedule, monday)).toBe(true);
    expect(isOpen(schedule, new Date(Date.parse(monday) - 60_000).toISOString())).toBe(false);
  });

  const sunday = (tz: string, ranges: { start: string; end: string }[]) =>
    scheduleFor(tz, { businessHours: { ...emptyWeek, sun: ranges } });

  it.each([
    ["Chicago", "America/Chicago", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z", "2026-11-01T08:00:00Z"],
    ["New York", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z"],
  ])("%s: a 01:00–02:00 range on the November fall-back day is open on both passes of 01:30", (_city, tz, first, second, after) => {
    const s = sunday(tz, [{ start: "01:00", end: "02:00" }]);
    expect(isOpen(s, first)).toBe(true);
    expect(isOpen(s, second)).toBe(true);
    expect(isOpen(s, after)).toBe(false);
  });

  it.each([
    ["Chicago", "America/Chicago", "2026-03-08T07:59:00Z", "2026-03-08T08:00:00Z"],
    ["New York", "America/New_York", "2026-03-08T06:59:00Z", "2026-03-08T07:00:00Z"],
  ])("%s: a 02:00–02:30 range on the March spring-forward day never opens", (_city, tz, beforeJump, atJump) => {
    const s = sunday(tz, [{ start: "02:00", end: "02:30" }]);
    expect(isOpen(s, beforeJump)).toBe(false);
    expect(isOpen(s, atJump)).toBe(false);
  });

  it.each([
    ["Chicago", "America/Chicago", "2026-03-08T08:00:00.000Z"],
    ["New York", "America/New_York", "2026-03-08T07:00:00.000Z"],
  ])("%s: a business opening at 02:30 on spring-forward day opens when the clocks jump to 03:00", (_city, tz, jump) => {
    const s = sunday(tz, [{ start: "02:30", end: "05:00" }]);
    expect(nextOpening(s, "2026-03-08T05:00:00Z")).toBe(jump);
    expect(isOpen(s, jump)).toBe(true);
  });

  it.each([
    ["Chicago", "America/Chicago", "2026-11-01T06:30:00.000Z"],
    ["New York", "America/New_York", "2026-11-01T05:30:00.000Z"],
  ])("%s: a business opening at 01:30 on fall-back day opens on the first 01:30", (_city, tz, firstPass) => {
    const s = sunday(tz, [{ start: "01:30", end: "04:00" }]);
    expect(nextOpening(s, "2026-11-01T03:00:00Z")).toBe(firstPass);
  });

  it("a 01:00–02:00 range on the fall-back day lasts two real hours when laid out as instants", () => {
    const s = sunday("America/Chicago", [{ start: "01:00", end: "02:00" }]);
    const [interval] = openIntervals(s, "2026-11-01", 1);
    expect((interval.end - interval.start) / 3_600_000).toBe(2);
  });
});

describe("nextOpening", () => {
  it.each([
    ["open now → now", chicago, "2026-01-12T16:00:00Z", "2026-01-12T16:00:00.000Z"],
    ["lunch break → 13:00", chicago, "2026-01-12T18:30:00Z", "2026-01-12T19:00:00.000Z"],
    ["Monday 06:00 → 09:00", chicago, "2026-01-12T12:00:00Z", "2026-01-12T15:00:00.000Z"],
    ["Monday evening → Tuesday 09:00", chicago, "2026-01-13T03:00:00Z", "2026-01-13T15:00:00.000Z"],
    ["Friday 18:00 → Friday 20:00 (overnight range)", chicago, "2026-01-17T00:00:00Z", "2026-01-17T02:00:00.000Z"],
    ["Sunday noon → Monday 09:00", chicago, "2026-01-18T18:00:00Z", "2026-01-19T15:00:00.000Z"],
    ["Saturday night before spring-forward → Monday 09:00 CDT", chicago, "2026-03-08T03:00:00Z", "2026-03-09T14:00:00.000Z"],
    ["New York, Saturday night before fall-back → Monday 09:00 EST", newYork, "2026-11-01T03:00:00Z", "2026-11-02T14:00:00.000Z"],
  ])("%s", (_name, schedule, from, expected) => {
    expect(nextOpening(schedule, from)).toBe(expected);
  });

  it("skips closures, even several in a row", () => {
    const holidays = scheduleFor("America/Chicago", { closures: [{ date: "2026-12-24" }, { date: "2026-12-25" }, { date: "2026-12-26" }] });
    // Wednesday Dec 23, 18:00 → closed Thu, Fri (and its overnight range), Sat → Mon Dec 28 09:00.
    expect(nextOpening(holidays, "2026-12-24T00:00:00Z")).toBe("2026-12-28T15:00:00.000Z");
  });

  it("is null when the business has no hours at all", () => {
    expect(nextOpening(scheduleFor("America/Chicago", { businessHours: emptyWeek }), "2026-01-12T16:00:00Z")).toBeNull();
  });

  it("keeps looking past a weekly range that falls wholly in the spring-forward gap", () => {
    const s = scheduleFor("America/Chicago", { businessHours: { ...emptyWeek, sun: [{ start: "02:00", end: "02:30" }] } });
    expect(nextOpening(s, "2026-03-08T00:00:00Z")).toBe("2026-03-15T07:00:00.000Z");
  });
});
