import { describe, expect, it } from "vitest";
import { parseSlotChoice } from "./slot-choice";

const tz = "America/Chicago";
const now = "2026-01-12T16:00:00.000Z"; // Mon Jan 12, 10:00
const slots = [
  { startsAt: "2026-01-12T19:00:00.000Z" }, // Mon 1:00 PM
  { startsAt: "2026-01-13T16:00:00.000Z" }, // Tue 10:00 AM
  { startsAt: "2026-01-13T16:45:00.000Z" }, // Tue 10:45 AM
];

describe("reading which offered time the caller picked", () => {
  it.each([
    ["2", 1],
    ["#3", 2],
    ["2.", 1],
    ["Option 1 please", 0],
    ["the second one", 1],
    ["2nd", 1],
    ["Third!", 2],
    ["the last one", 2],
    ["two", 1],
    ["1pm", 0],
    ["1 PM works", 0],
    ["10:45", 2],
    ["tomorrow 10am", 1],
    ["Tuesday at 10:45am", 2],
    ["today", 0],
    ["13:00", 0],
    ["1:00 p.m.", 0],
  ])("%j → slot %i", (reply, index) => {
    expect(parseSlotChoice(reply, slots, tz, now)).toBe(index);
  });

  it.each([
    ["1 or 2", "two numbers"],
    ["tomorrow", "two slots that day"],
    ["9am", "a time not offered"],
    ["7", "a number past the list that is not an offered hour"],
    ["sounds good", "agreement with several times offered"],
    ["", "nothing"],
    ["call me instead", "no choice at all"],
  ])("%j → none (%s)", (reply) => {
    expect(parseSlotChoice(reply, slots, tz, now)).toBeNull();
  });

  it("reads a bare hour that is not a list number as the time of day", () => {
    expect(parseSlotChoice("10", [{ startsAt: "2026-01-13T16:00:00.000Z" }, { startsAt: "2026-01-13T19:00:00.000Z" }], tz, now)).toBe(0);
  });

  it("takes yes for the one time offered", () => {
    expect(parseSlotChoice("Yes please", [slots[1]], tz, now)).toBe(0);
  });
});
