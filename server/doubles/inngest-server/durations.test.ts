import { describe, expect, it } from "vitest";
import { backoffMs, inngestBackoffMs, parseRetryAfter, parseTimeString, resolveDueAt } from "./durations";

describe("time strings", () => {
  it.each([
    ["1h30m", 5_400_000],
    ["24h", 86_400_000],
    ["2d", 172_800_000],
    ["1w", 604_800_000],
    ["300ms", 300],
    ["1.5h", 5_400_000],
    ["1h 30m", 5_400_000],
    ["2h45m10s", 9_910_000],
  ])("reads %s as %i ms", (text, ms) => {
    expect(parseTimeString(text)).toBe(ms);
  });

  it.each(["", "soon", "1x", "h1", "1h30"])("refuses %j", (text) => {
    expect(parseTimeString(text)).toBeUndefined();
  });

  it("schedules a duration from now and an ISO date as given", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(resolveDueAt("1d", now)).toBe(now + 86_400_000);
    expect(resolveDueAt("2026-01-03T00:00:00.000Z", now)).toBe(Date.UTC(2026, 0, 3));
    expect(resolveDueAt(undefined, now)).toBeUndefined();
  });

  it("backs off exponentially up to a ceiling", () => {
    expect([1, 2, 3, 4, 10].map((attempt) => backoffMs(attempt, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it("by default retries on Inngest's schedule: seconds growing to hours, each plus up to 30 s of jitter", () => {
    const least = [1, 2, 3, 4, 5, 10, 11, 50].map((attempt) => inngestBackoffMs(attempt, () => 0));
    expect(least).toEqual([15_000, 30_000, 60_000, 120_000, 300_000, 7_200_000, 7_200_000, 7_200_000]);
    expect(inngestBackoffMs(1, () => 0.9999)).toBe(44_997);
    const spread = new Set(Array.from({ length: 20 }, () => inngestBackoffMs(2)));
    expect(spread.size).toBeGreaterThan(1);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThan(60_000);
    }
  });

  it("reads Retry-After as seconds, a date, or a time string", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("2026-01-01T00:01:00Z", now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
