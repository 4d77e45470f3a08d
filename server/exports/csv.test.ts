import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes what needs quoting and ends lines in CRLF", () => {
    expect(toCsv(["name", "note"], [["Maria Lopez", 'said "hi", then left'], ["Bo", "two\nlines"]])).toBe('name,note\r\nMaria Lopez,"said ""hi"", then left"\r\nBo,"two\nlines"\r\n');
  });

  it("writes dates as ISO instants and empty cells for missing values", () => {
    expect(toCsv(["at", "x"], [[new Date("2026-12-03T14:00:00Z"), null]])).toBe("at,x\r\n2026-12-03T14:00:00.000Z,\r\n");
  });

  it("never hands a spreadsheet a formula from a caller's text", () => {
    expect(toCsv(["body"], [["=HYPERLINK(\"http://x\")"], ["+SUM(A1)"], ["@cmd"], ["-2+3*cmd|' /C calc'!A0"]])).toBe(
      'body\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+SUM(A1)\r\n\'@cmd\r\n\'-2+3*cmd|\' /C calc\'!A0\r\n',
    );
    // Phone numbers and plain numbers stay as they are.
    expect(toCsv(["phone"], [["+13125550100"], ["-5"]])).toBe("phone\r\n+13125550100\r\n-5\r\n");
    expect(toCsv(["n"], [[-5]])).toBe("n\r\n-5\r\n");
  });
});
