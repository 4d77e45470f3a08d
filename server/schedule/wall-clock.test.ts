import { describe, expect, it } from "vitest";
import { addDays, instantAt, toIso, toMs, wallTime } from "./wall-clock";

const iso = (ms: number) => toIso(ms);

describe("wall clock", () => {
  it.each([
    ["America/Chicago", "2026-03-06T15:00:00Z", { date: "2026-03-06", weekday: "fri", minutes: 9 * 60 }],
    ["America/Chicago", "2026-03-09T14:00:00Z", { date: "2026-03-09", weekday: "mon", minutes: 9 * 60 }],
    ["America/New_York", "2026-11-01T05:30:00Z", { date: "2026-11-01", weekday: "sun", minutes: 90 }],
    ["America/New_York", "2026-11-01T06:30:00Z", { date: "2026-11-01", weekday: "sun", minutes: 90 }],
    ["America/Chicago", "2026-01-01T05:59:00Z", { date: "2025-12-31", weekday: "wed", minutes: 23 * 60 + 59 }],
  ])("in %s, %s reads %o", (tz, instant, expected) => {
    expect(wallTime(tz, instant)).toEqual(expected);
  });

  it("reads an instant given with an offset the same as its UTC form", () => {
    expect(toMs("2026-03-06T09:00:00-06:00")).toBe(toMs("2026-03-06T15:00:00Z"));
  });

  it("rejects text that is not a time", () => {
    expect(() => toMs("next tuesday")).toThrow("Not a valid instant: next tuesday");
  });

  it("does calendar arithmetic across month and year ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("instantAt: the first instant the wall clock reaches a time", () => {
  it.each([
    ["an ordinary winter time", "America/Chicago", "2026-01-15", 9 * 60, "2026-01-15T15:00:00.000Z"],
    ["an ordinary summer time", "America/Chicago", "2026-07-15", 9 * 60, "2026-07-15T14:00:00.000Z"],
    ["01:30 on fall-back day (Chicago) is the first, CDT, pass", "America/Chicago", "2026-11-01", 90, "2026-11-01T06:30:00.000Z"],
    ["01:30 on fall-back day (New York) is the first, EDT, pass", "America/New_York", "2026-11-01", 90, "2026-11-01T05:30:00.000Z"],
    ["02:30 on spring-forward day (Chicago) is the jump to 03:00 CDT", "America/Chicago", "2026-03-08", 150, "2026-03-08T08:00:00.000Z"],
    ["02:30 on spring-forward day (New York) is the jump to 03:00 EDT", "America/New_York", "2026-03-08", 150, "2026-03-08T07:00:00.000Z"],
    ["03:00 on spring-forward day (Chicago) exists once", "America/Chicago", "2026-03-08", 180, "2026-03-08T08:00:00.000Z"],
    ["midnight in UTC", "UTC", "2026-03-08", 0, "2026-03-08T00:00:00.000Z"],
  ])("%s", (_name, tz, date, minutes, expected) => {
    expect(iso(instantAt(tz, date, minutes))).toBe(expected);
  });
});
