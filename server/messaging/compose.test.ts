import { describe, expect, it } from "vitest";
import { composeFirstText } from "./compose";

describe("the first text to a contact", () => {
  it("names the business and says how to opt out", () => {
    expect(composeFirstText("Sorry we missed your call!", "Greenfield Plumbing")).toBe(
      "Greenfield Plumbing: Sorry we missed your call! Reply STOP to opt out.",
    );
  });
  it("does not repeat what the text already says", () => {
    expect(composeFirstText("Greenfield Plumbing here — sorry we missed you. Text STOP to stop.", "Greenfield Plumbing")).toBe(
      "Greenfield Plumbing here — sorry we missed you. Text STOP to stop.",
    );
  });
  it("matches the business name whatever its case", () => {
    expect(composeFirstText("greenfield plumbing missed you", "Greenfield Plumbing")).toBe("greenfield plumbing missed you Reply STOP to opt out.");
  });
});
