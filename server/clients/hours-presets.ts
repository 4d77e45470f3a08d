import type { WeeklyHours } from "./settings-schemas";

/** Weekly-hours presets offered when a client is created (browser-safe: the form uses them too). */
const days = (ranges: { start: string; end: string }[], open: readonly string[]) =>
  Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, open.includes(d) ? ranges : []])) as WeeklyHours;

export const hoursPresets = {
  "mon-fri-8-5": { label: "Mon–Fri 8–5", hours: days([{ start: "08:00", end: "17:00" }], ["mon", "tue", "wed", "thu", "fri"]) },
  "24-7": { label: "24/7", hours: days([{ start: "00:00", end: "23:59" }], ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]) },
  "mon-sat-7-7": { label: "Mon–Sat 7–7", hours: days([{ start: "07:00", end: "19:00" }], ["mon", "tue", "wed", "thu", "fri", "sat"]) },
} as const;
export type HoursPreset = keyof typeof hoursPresets;
