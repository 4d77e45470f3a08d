/**
 * SMS segment counting, the way carriers bill it.
 *
 * A text made only of GSM-7 characters fits 160 characters in one segment, 153 per segment once it
 * is split (each part carries a header). The extension characters (€ { } [ ] ~ ^ | \ and form feed)
 * take two. A single character outside GSM-7 — an emoji, a curly apostrophe pasted from a word
 * processor — switches the whole text to UCS-2: 70 per segment, 67 when split, so a text can cost
 * double without anyone seeing why. We name that character so the editor can say so.
 */

const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENDED = new Set("\f^{}\\[~]|€");

/** The character that pushed a text out of GSM-7, described for a person. */
export type ForcedCharacter = {
  char: string;
  /** UTF-16 index in the text. */
  index: number;
  /** "a curly apostrophe (’)", "the emoji 😀". */
  name: string;
  /** What to type instead, when there is a plain equivalent. */
  hint: string | null;
};

/** How a text is encoded and how many billable segments it takes. */
export type SegmentCount = {
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  /** Length in the encoding's units (GSM-7 septets, or UTF-16 code units for UCS-2). */
  units: number;
  /** How many units fit in a text that is not split: 160 or 70. */
  singleLimit: number;
  /** How many units fit in each part of a split text: 153 or 67. */
  perSegment: number;
  forcedBy: ForcedCharacter | null;
};

const lookalikes: Record<string, { name: string; hint: string }> = {
  "’": { name: "a curly apostrophe (’)", hint: "use a straight apostrophe (')" },
  "‘": { name: "a curly apostrophe (‘)", hint: "use a straight apostrophe (')" },
  "“": { name: "a curly quote (“)", hint: 'use straight quotes (")' },
  "”": { name: "a curly quote (”)", hint: 'use straight quotes (")' },
  "–": { name: "an en dash (–)", hint: "use a hyphen (-)" },
  "—": { name: "an em dash (—)", hint: "use a hyphen (-)" },
  "…": { name: "an ellipsis character (…)", hint: "type three dots (...)" },
  "•": { name: "a bullet (•)", hint: "use a hyphen (-)" },
  "\u00a0": { name: "a non-breaking space", hint: "use a normal space" },
  "\u202f": { name: "a narrow non-breaking space", hint: "use a normal space" },
  "\u2009": { name: "a thin space", hint: "use a normal space" },
  "\t": { name: "a tab", hint: "use a space" },
};

/** Describe a character that is not in GSM-7, in words a person understands. */
export function describeCharacter(char: string): { name: string; hint: string | null } {
  if (lookalikes[char]) return lookalikes[char];
  if (/\p{Extended_Pictographic}/u.test(char)) return { name: `the emoji ${char}`, hint: "remove the emoji" };
  if (/\p{Regional_Indicator}/u.test(char)) return { name: "a flag emoji", hint: "remove the emoji" };
  if (/\p{L}/u.test(char)) return { name: `the letter "${char}"`, hint: null };
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return { name: `the character "${char}" (U+${code})`, hint: null };
}

function firstNonGsm(text: string): ForcedCharacter | null {
  let index = 0;
  for (const char of text) {
    if (!GSM_BASIC.has(char) && !GSM_EXTENDED.has(char)) return { char, index, ...describeCharacter(char) };
    index += char.length;
  }
  return null;
}

/** Pack units into parts without splitting a two-unit character (escape pair or surrogate pair). */
function countParts(costs: number[], perSegment: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perSegment) {
      parts++;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

export function countSegments(text: string): SegmentCount {
  const forcedBy = firstNonGsm(text);
  const chars = [...text];
  const gsm = forcedBy === null;
  const costs = chars.map((c) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const singleLimit = gsm ? 160 : 70;
  const perSegment = gsm ? 153 : 67;
  const segments = units === 0 ? 0 : units <= singleLimit ? 1 : countParts(costs, perSegment);
  return { encoding: gsm ? "GSM-7" : "UCS-2", segments, units, singleLimit, perSegment, forcedBy };
}

/** "2 texts (187 characters; 160 fit in one)" or "1 text (45 characters, special characters because of the emoji 😀)". */
export function describeSegments(count: SegmentCount): string {
  const texts = `${count.segments} ${count.segments === 1 ? "text" : "texts"}`;
  const detail = `${count.units} characters; ${count.singleLimit} fit in one`;
  if (!count.forcedBy) return `${texts} (${detail})`;
  const hint = count.forcedBy.hint ? `: ${count.forcedBy.hint} to fit 160` : "";
  return `${texts} (${detail}, because ${count.forcedBy.name} switches the text to the 70-character format${hint})`;
}
