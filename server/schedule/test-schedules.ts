import type { ClientSchedule, WeeklyHours } from "../clients/settings-schemas";

/** Schedules shared by the schedule and engine tests. */
const weekday = [
  { start: "09:00", end: "12:00" },
  { start: "13:00", end: "17:00" },
];

export const plumberHours: WeeklyHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: [...weekday, { start: "20:00", end: "02:00" }],
  sat: [{ start: "10:00", end: "14:00" }],
  sun: [],
};

export function scheduleFor(timezone: string, overrides: Partial<ClientSchedule> = {}): ClientSchedule {
  return { timezone, businessHours: plumberHours, closures: [], quietHours: { start: "21:00", end: "08:00" }, ...overrides };
}

export const emptyWeek: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
