import { describe, expect, it } from "vitest";
import { previewText } from "./summary-text";

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
