import { describe, expect, it } from "vitest";
import { formatDuration, formatMinutes } from "./format-duration";

describe("durations on the dashboard", () => {
  it.each([
    [null, "–"],
    [0.94, "0.9 s"],
    [119.94, "119.9 s"],
    [158, "2 min 38 s"],
    [3599.4, "59 min 59 s"],
    [3600, "1 h 0 min"],
    [11_100, "3 h 5 min"],
  ])("%s seconds read as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("waits in the simulator", () => {
  it.each([
    [0, "0 min"],
    [0.4, "0 min"],
    [45, "45 min"],
    [59.6, "1 h"],
    [60, "1 h"],
    [125, "2 h 5 min"],
    [23 * 60 + 59, "23 h 59 min"],
    [24 * 60, "1 day"],
    [2053, "1 day 10 h"],
    [2 * 24 * 60 - 10, "2 days"],
    [7 * 24 * 60 + 3 * 60, "7 days 3 h"],
  ])("%s minutes read as %s", (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
