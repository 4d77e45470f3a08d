import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments } from "../flows/model/sms-segments";
import { exampleValues, longestValues, renderTemplate } from "../flows/model/templates";
import { composeFirstText, estimateSegments } from "./compose";

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

describe("the editor's segment count", () => {
  // Shown as 1 segment with the preview's sample data ("Maria", "Acme Plumbing"); sent to a caller
  // named Christopher as a first text, with the opt-out footer, it was 2.
  const template = "Hi {{contact.firstName|there}}, sorry we missed your call at {{call.time}}! How can we help today? Reply here and we'll get right back to you. - {{business.name}}";

  it("counts a caller's text as their first, with the footer and long names, so it is never less than what goes out", () => {
    expect(countSegments(renderTemplate(template, exampleValues)).segments).toBe(1);
    const sent = composeFirstText(renderTemplate(template, { ...exampleValues, "contact.firstName": "Christopher", "business.name": "Greenfield Plumbing" }), "Greenfield Plumbing");
    expect(countSegments(sent).segments).toBe(2);
    const estimate = estimateSegments(template, { customerFacing: true });
    expect(estimate.segments).toBe(2);
    expect(estimate.text).toMatch(/^Hi Mary-Elizabeth, .* - Northside Plumbing & Heating Co\. Reply STOP to opt out\.$/);
  });

  it("adds no footer to a text for staff", () => {
    const estimate = estimateSegments("Missed call from {{contact.phone}} at {{call.time}}", { customerFacing: false });
    expect(estimate.text).toBe("Missed call from +44 20 7946 0958 at 10:45 PM");
  });

  it("is at least the segments of any text with values up to the longest plausible lengths", () => {
    const names = ["contact.firstName", "contact.name", "business.name", "reply.body"] as const;
    const gsmWords = fc.string({ unit: fc.constantFrom(..."abcdefghij klmnop"), minLength: 1 });
    fc.assert(
      fc.property(fc.tuple(...names.map((n) => gsmWords.map((w) => w.slice(0, longestValues[n]!.length)))), fc.boolean(), (values, first) => {
        const template = "Hi {{contact.firstName}} ({{contact.name}}), {{business.name}} here. You said: {{reply.body}}. Reply here and we'll get right back to you.";
        const rendered = renderTemplate(template, Object.fromEntries(names.map((n, i) => [n, values[i]])));
        const sent = first ? composeFirstText(rendered, values[2]) : rendered;
        expect(estimateSegments(template, { customerFacing: true }).segments).toBeGreaterThanOrEqual(countSegments(sent).segments);
      }),
      { numRuns: 200 },
    );
  });
});
