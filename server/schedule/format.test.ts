import { describe, expect, it } from "vitest";
import { formatClock, formatDayTime, formatTime } from "./format";

describe("times written for texts", () => {
  it.each([
    [0, "12:00 AM"],
    [9 * 60 + 5, "9:05 AM"],
    [12 * 60, "12:00 PM"],
    [21 * 60 + 47, "9:47 PM"],
  ])("minute %i reads %s", (minutes, text) => {
    expect(formatClock(minutes)).toBe(text);
  });

  it("uses the client's timezone and plain ASCII spaces", () => {
    expect(formatTime("2026-03-15T02:47:00Z", "America/Chicago")).toBe("9:47 PM");
    const text = formatDayTime("2026-03-10T14:00:00Z", "America/New_York");
    expect(text).toBe("Tue Mar 10, 10:00 AM");
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
  });
});
