import { describe, expect, it } from "vitest";
import { formatMinutes } from "./durations";

describe("minutes as a person reads them", () => {
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

  it.each([
    [2053, "1 day 10 h 13 min"],
    [1440, "1 day"],
    [1500, "1 day 1 h"],
    [720, "12 h"],
  ])("a setting of %s minutes reads exactly %s", (minutes, text) => {
    expect(formatMinutes(minutes, "exact")).toBe(text);
  });
});
