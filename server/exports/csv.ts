/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end in
 * CRLF. A text field a spreadsheet would run as a formula (starting with = @, or + - followed by
 * anything but a number such as "+13125550100") is prefixed with ' so it shows as text: a caller's
 * text could say "=HYPERLINK(…)".
 */
export function toCsv(header: string[], rows: (string | number | boolean | Date | null | undefined)[][]): string {
  const field = (v: string | number | boolean | Date | null | undefined) => {
    if (v === null || v === undefined) return "";
    let s = v instanceof Date ? v.toISOString() : String(v);
    if (typeof v === "string" && (/^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-]?[\d\s().-]+$/.test(s)))) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
