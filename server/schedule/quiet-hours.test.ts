import { describe, expect, it } from "vitest";
import { endOfQuietHours, isQuietHours } from "./quiet-hours";

const night = { start: "21:00", end: "08:00" };

describe("quiet hours (21:00–08:00, Chicago winter)", () => {
  it.each([
    ["20:59", "2026-01-13T02:59:00Z", false],
    ["21:00", "2026-01-13T03:00:00Z", true],
    ["23:30", "2026-01-13T05:30:00Z", true],
    ["03:00", "2026-01-13T09:00:00Z", true],
    ["07:59", "2026-01-13T13:59:00Z", true],
    ["08:00", "2026-01-13T14:00:00Z", false],
  ])("%s quiet: %s", (_local, instant, quiet) => {
    expect(isQuietHours(night, "America/Chicago", instant)).toBe(quiet);
  });

  it.each([
    ["evening → next morning 08:00", "2026-01-13T04:00:00Z", "2026-01-13T14:00:00.000Z"],
    ["small hours → same morning 08:00", "2026-01-13T09:00:00Z", "2026-01-13T14:00:00.000Z"],
    ["outside quiet hours → unchanged", "2026-01-13T18:00:00Z", "2026-01-13T18:00:00.000Z"],
  ])("end: %s", (_name, instant, expected) => {
    expect(endOfQuietHours(night, "America/Chicago", instant)).toBe(expected);
  });

  it("a daytime range (12:00–13:00) is quiet only inside it", () => {
    const lunch = { start: "12:00", end: "13:00" };
    expect(isQuietHours(lunch, "America/Chicago", "2026-01-13T18:30:00Z")).toBe(true);
    expect(isQuietHours(lunch, "America/Chicago", "2026-01-13T03:00:00Z")).toBe(false);
    expect(endOfQuietHours(lunch, "America/Chicago", "2026-01-13T18:30:00Z")).toBe("2026-01-13T19:00:00.000Z");
  });

  it("no quiet hours: never quiet, nothing deferred", () => {
    expect(isQuietHours(null, "America/Chicago", "2026-01-13T05:30:00Z")).toBe(false);
    expect(endOfQuietHours(null, "America/Chicago", "2026-01-13T05:30:00Z")).toBe("2026-01-13T05:30:00.000Z");
  });
});

describe("quiet nights across DST end at 08:00 on the new offset", () => {
  it.each([
    ["New York, March", "America/New_York", "2026-03-08T03:00:00Z", "2026-03-08T12:00:00.000Z"],
    ["New York, November", "America/New_York", "2026-11-01T02:00:00Z", "2026-11-01T13:00:00.000Z"],
    ["Chicago, March", "America/Chicago", "2026-03-08T04:00:00Z", "2026-03-08T13:00:00.000Z"],
    ["Chicago, November", "America/Chicago", "2026-11-01T03:00:00Z", "2026-11-01T14:00:00.000Z"],
  ])("%s", (_name, tz, eveningBefore, end) => {
    expect(isQuietHours(night, tz, eveningBefore)).toBe(true);
    expect(endOfQuietHours(night, tz, eveningBefore)).toBe(end);
  });

  it("a 01:30 text on the fall-back night is quiet on both passes", () => {
    expect(isQuietHours(night, "America/Chicago", "2026-11-01T06:30:00Z")).toBe(true);
    expect(isQuietHours(night, "America/Chicago", "2026-11-01T07:30:00Z")).toBe(true);
  });
});
