import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

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
