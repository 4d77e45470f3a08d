import type { Weekday } from "../../clients/settings-schemas";
import { addDays, wallTime } from "../../schedule/wall-clock";

/**
 * Which offered slot did the caller pick? People answer an offer in many ways: "2", "#2", "the
 * second one", "two", "10am", "tomorrow at 10:30", "Tuesday works", "yes" (when one time was
 * offered). We only accept an answer that points at exactly one offered slot; anything ambiguous
 * returns null so the flow asks again rather than booking the wrong time.
 */

type OfferedSlot = { startsAt: string };

const ordinals: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, fifth: 5, "5th": 5 };
const cardinals: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
const weekdayWords: Record<string, Weekday> = {
  mon: "mon", monday: "mon", tue: "tue", tues: "tue", tuesday: "tue", wed: "wed", wednesday: "wed",
  thu: "thu", thur: "thu", thurs: "thu", thursday: "thu", fri: "fri", friday: "fri", sat: "sat", saturday: "sat", sun: "sun", sunday: "sun",
};
const agreement = /^(yes|yep|yeah|yup|ok|okay|sure|sounds good|perfect|great|y)\b/;

/** The 0-based index of the chosen slot, or null when the answer does not pick exactly one. */
export function parseSlotChoice(reply: string, slots: OfferedSlot[], tz: string, now: string): number | null {
  const text = reply.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  if (slots.length === 0 || text === "") return null;
  const words = text.replace(/[^a-z0-9: ]/g, " ").split(" ").filter(Boolean);
  const local = slots.map((s) => wallTime(tz, s.startsAt));
  const onDay = dayFilter(words, tz, now);

  const byTime = timesMentioned(text);
  if (byTime.length > 0) return only(local.flatMap((w, i) => (byTime.includes(w.minutes) && onDay(w) ? [i] : [])));

  const byOrdinal = pick(words.map((w) => (w === "last" ? slots.length : ordinals[w])), slots.length);
  if (byOrdinal !== undefined) return byOrdinal;
  const numbers = words.filter((w) => /^\d{1,2}$/.test(w)).map(Number);
  const byNumber = pick(numbers, slots.length);
  if (byNumber !== undefined) return byNumber;
  const byWord = pick(words.map((w) => cardinals[w]), slots.length);
  if (byWord !== undefined) return byWord;

  // A bare hour ("10") that is not a list number: 10:00 in the morning or evening.
  const hours = numbers.filter((n) => n > slots.length && n >= 1 && n <= 12);
  if (hours.length === 1) {
    const h = hours[0] % 12;
    return only(local.flatMap((w, i) => ((w.minutes === h * 60 || w.minutes === (h + 12) * 60) && onDay(w) ? [i] : [])));
  }
  const dayOnly = words.some((w) => w === "today" || w === "tomorrow" || w in weekdayWords);
  if (dayOnly) return only(local.flatMap((w, i) => (onDay(w) ? [i] : [])));
  if (slots.length === 1 && agreement.test(text)) return 0;
  return null;
}

/** Exactly one distinct in-range number among the candidates → its index; undefined when none; null when several. */
function pick(candidates: (number | undefined)[], count: number): number | null | undefined {
  const distinct = [...new Set(candidates.filter((n): n is number => n !== undefined && n >= 1 && n <= count))];
  if (distinct.length === 0) return undefined;
  return distinct.length === 1 ? distinct[0] - 1 : null;
}

const only = (indexes: number[]) => (indexes.length === 1 ? indexes[0] : null);

/** Minutes since midnight of each time written with am/pm or with minutes ("10am", "2:30 pm", "14:00"). */
function timesMentioned(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\W|$)/g)) {
    const [, hh, mm, meridiem] = m;
    if (mm === undefined && meridiem === undefined) continue;
    const hour = Number(hh);
    const minute = Number(mm ?? 0);
    if (hour > 23 || minute > 59) continue;
    if (meridiem) {
      if (hour < 1 || hour > 12) continue;
      out.push(((hour % 12) + (meridiem.startsWith("p") ? 12 : 0)) * 60 + minute);
    } else {
      out.push(hour * 60 + minute);
      // "3:30" with no am/pm most likely means the afternoon too.
      if (hour >= 1 && hour < 12) out.push((hour + 12) * 60 + minute);
    }
  }
  return out;
}

/** A test for the day the caller named (today, tomorrow, a weekday), or one that passes all days. */
function dayFilter(words: string[], tz: string, now: string): (w: { date: string; weekday: Weekday }) => boolean {
  const today = wallTime(tz, now).date;
  if (words.includes("today")) return (w) => w.date === today;
  if (words.includes("tomorrow")) return (w) => w.date === addDays(today, 1);
  const weekday = words.map((w) => weekdayWords[w]).find(Boolean);
  if (weekday) return (w) => w.weekday === weekday;
  return () => true;
}
