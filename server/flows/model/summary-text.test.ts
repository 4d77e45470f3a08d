import { describe, expect, it } from "vitest";
import { duration, previewText } from "./summary-text";

describe("a text step's summary on the canvas", () => {
  it("reads as the text will, not as template code", () => {
    expect(previewText("Hi {{contact.firstName|there}}, sorry we missed your call! - {{business.name}}")).toBe("Hi there, sorry we missed your call! - Acme Plumbing");
    expect(previewText("Hi {{contact.firstName|there}}")).not.toContain("{{");
  });

  it("is cut at a word-friendly length with an ellipsis", () => {
    const long = previewText("Thanks for calling {{business.name}}! Sorry we missed you. What can we help you with? Reply EMERGENCY if it's urgent.");
    expect(long.length).toBeLessThanOrEqual(90);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("a wait's or cooldown's duration on the canvas", () => {
  it("reads in days, hours and minutes, as the simulator does, never as thousands of minutes", () => {
    expect(duration(2053)).toBe("1 day 10 h 13 min");
    expect(duration(1440)).toBe("1 day");
    expect(duration(2880)).toBe("2 days");
    expect(duration(120)).toBe("2 h");
    expect(duration(45)).toBe("45 min");
    // A draft may hold nothing yet.
    expect(duration(undefined)).toBe("0 min");
  });
});
