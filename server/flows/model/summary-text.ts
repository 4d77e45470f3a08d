import { formatPhone } from "../../phone/phone";
import { formatMinutes } from "./durations";
import { exampleValues, renderTemplate, type TemplateValues } from "./templates";

/**
 * Helpers for the catalogue's one-line summaries (what a step is set to do, on the canvas). They
 * read draft configs, which may be incomplete: every helper copes with a missing or mistyped value.
 */

/**
 * What a text will read like: variables filled with examples, except the caller's name, which shows
 * its fallback ("there") because most callers are not known yet.
 */
const previewValues: TemplateValues = { ...exampleValues, "contact.firstName": null, "contact.name": null, "run.link": "(link)" };
export function previewText(template: unknown, max = 90): string {
  if (typeof template !== "string") return "";
  const text = renderTemplate(template, previewValues).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A step's set duration as the canvas shows it: 1440 → "1 day", 2053 → "1 day 10 h 13 min", 45 → "45 min" (never "2053 min"). */
export const duration = (minutes: unknown): string => formatMinutes(Number(minutes ?? 0) || 0, "exact");

/** The strings of a draft list, ignoring anything else. */
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export const phones = (value: unknown): string => strings(value).map(formatPhone).join(", ");
