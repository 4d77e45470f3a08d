import { describe, expect, it } from "vitest";
import { countSegments, describeCharacter, describeSegments } from "./sms-segments";

const a = (n: number) => "a".repeat(n);

describe("segment counting", () => {
  it.each([
    ["empty", "", "GSM-7", 0, 0],
    ["160 plain characters", a(160), "GSM-7", 160, 1],
    ["161 plain characters", a(161), "GSM-7", 161, 2],
    ["306 plain characters", a(306), "GSM-7", 306, 2],
    ["307 plain characters", a(307), "GSM-7", 307, 3],
    ["GSM accents stay GSM-7", "Café é è à ñ ü" + a(146), "GSM-7", 160, 1],
    ["80 euro signs count double", "€".repeat(80), "GSM-7", 160, 1],
    ["81 euro signs", "€".repeat(81), "GSM-7", 162, 2],
    ["braces, brackets, tilde, caret, bar and backslash count double", "{}[]~^|\\", "GSM-7", 16, 1],
    ["an escape pair is not split across parts", a(152) + "€" + a(152), "GSM-7", 306, 3],
    ["70 characters with a curly apostrophe", "’" + a(69), "UCS-2", 70, 1],
    ["71 characters with a curly apostrophe", "’" + a(70), "UCS-2", 71, 2],
    ["134 UCS-2 characters", "’" + a(133), "UCS-2", 134, 2],
    ["135 UCS-2 characters", "’" + a(134), "UCS-2", 135, 3],
    ["an emoji takes two units", "😀" + a(68), "UCS-2", 70, 1],
    ["an emoji is not split across parts", a(66) + "😀" + a(66), "UCS-2", 134, 3],
  ])("%s", (_name, text, encoding, units, segments) => {
    const count = countSegments(text);
    expect({ encoding: count.encoding, units: count.units, segments: count.segments }).toEqual({ encoding, units, segments });
  });

  it("names the first character that forced UCS-2, and where it is", () => {
    expect(countSegments("We’ll call you 🎉").forcedBy).toEqual({ char: "’", index: 2, name: "a curly apostrophe (’)", hint: "use a straight apostrophe (')" });
    expect(countSegments("Hi 🎉 there").forcedBy).toMatchObject({ char: "🎉", index: 3, name: "the emoji 🎉", hint: "remove the emoji" });
  });

  it.each([
    ["“", "a curly quote (“)"],
    ["—", "an em dash (—)"],
    ["–", "an en dash (–)"],
    ["…", "an ellipsis character (…)"],
    ["\u00a0", "a non-breaking space"],
    ["á", 'the letter "á"'],
    ["🇺🇸", "a flag emoji"],
    ["√", 'the character "√" (U+221A)'],
  ])("describes %j as %s", (char, name) => {
    expect(describeCharacter([...char][0]).name).toBe(name);
  });

  it("explains the count in words", () => {
    expect(describeSegments(countSegments(a(170)))).toBe("2 texts (170 characters; 160 fit in one)");
    expect(describeSegments(countSegments("We’ll be there"))).toBe(
      "1 text (14 characters; 70 fit in one, because a curly apostrophe (’) switches the text to the 70-character format: use a straight apostrophe (') to fit 160)",
    );
  });
});
