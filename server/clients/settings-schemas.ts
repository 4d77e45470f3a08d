import { z } from "zod";

/**
 * The shapes of a client's schedule and booking settings, shared by the settings UI, the
 * server (stored as JSON on Client) and the engine's time logic (server/schedule).
 * Times are "HH:MM" wall-clock in the client's timezone; a range whose end is not after its
 * start runs overnight into the next day ("22:00"–"02:00").
 */
export const Weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof Weekdays)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour time as HH:MM, for example 08:30");

export const TimeRange = z
  .object({ start: hhmm, end: hhmm })
  .refine((r) => r.start !== r.end, { message: "A range must not start and end at the same time", path: ["end"] });
export type TimeRange = z.infer<typeof TimeRange>;

export const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Minute intervals of a day's ranges, overnight ranges extended past 1440. */
function intervals(ranges: TimeRange[]) {
  return ranges.map((r) => {
    const s = toMinutes(r.start);
    const e = toMinutes(r.end);
    return [s, e > s ? e : e + 1440] as const;
  });
}

/**
 * Bounds on what a person may save (README "Limits"). Stored settings are read without the
 * length and count bounds, so a value saved before a bound existed cannot break a client's pages.
 */
export const SETTINGS_LIMITS = {
  rangesPerDay: 6,
  closures: 366,
  closureLabelChars: 80,
  staffContacts: 50,
  phoneNumbers: 50,
  bookingUrlChars: 500,
} as const;

function refineNoOverlap(ranges: TimeRange[], ctx: z.RefinementCtx) {
  const iv = intervals(ranges).map((v, i) => ({ v, i })).sort((a, b) => a.v[0] - b.v[0]);
  for (let k = 1; k < iv.length; k++) {
    if (iv[k].v[0] < iv[k - 1].v[1]) {
      ctx.addIssue({
        code: "custom",
        path: [iv[k].i],
        message: `${ranges[iv[k].i].start}–${ranges[iv[k].i].end} overlaps ${ranges[iv[k - 1].i].start}–${ranges[iv[k - 1].i].end}`,
      });
    }
  }
}

export const DayHours = z.array(TimeRange).superRefine(refineNoOverlap);
const DayHoursInput = z
  .array(TimeRange)
  .max(SETTINGS_LIMITS.rangesPerDay, `A day has at most ${SETTINGS_LIMITS.rangesPerDay} opening ranges`)
  .superRefine(refineNoOverlap);

export const WeeklyHours = z.object(Object.fromEntries(Weekdays.map((d) => [d, DayHours])) as Record<Weekday, typeof DayHours>);
export type WeeklyHours = z.infer<typeof WeeklyHours>;
/** WeeklyHours as a person saves them: bounded. */
export const WeeklyHoursInput = z.object(Object.fromEntries(Weekdays.map((d) => [d, DayHoursInput])) as Record<Weekday, typeof DayHoursInput>);

const closureDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-25");

/** Dates (YYYY-MM-DD, in the client's timezone) when the business is closed all day, as stored. */
export const Closures = z.array(z.object({ date: closureDate, label: z.string().optional() }));
export type Closures = z.infer<typeof Closures>;
/** Closures as a person saves them: bounded. */
export const ClosuresInput = z
  .array(
    z.object({
      date: closureDate,
      label: z.string().max(SETTINGS_LIMITS.closureLabelChars, `Keep a closure's name under ${SETTINGS_LIMITS.closureLabelChars} characters`).optional(),
    }),
  )
  .max(SETTINGS_LIMITS.closures, `At most ${SETTINGS_LIMITS.closures} closed days`);

/** Quiet hours: no non-immediate texts between start and end (usually overnight), or null for none. */
export const QuietHours = TimeRange.nullable();
export type QuietHours = z.infer<typeof QuietHours>;

export const BookingSettings = z.object({
  slotMinutes: z.number().int().min(5, "Slots are at least 5 minutes").max(480, "Slots are at most 8 hours"),
  bufferMinutes: z.number().int().min(0).max(240, "A buffer is at most 4 hours"),
  daysAhead: z.number().int().min(1, "Offer at least 1 day ahead").max(60, "Offer at most 60 days ahead"),
  /** How many free slots a booking text offers. */
  slotsOffered: z.number().int().min(1).max(5).default(3),
  /** As stored: a link that is not http(s) (saved before that rule) is dropped, never texted. */
  bookingUrl: z
    .string()
    .nullable()
    .default(null)
    .transform((url) => (url !== null && isWebUrl(url) ? url : null)),
});
export type BookingSettings = z.infer<typeof BookingSettings>;

/** BookingSettings as a person saves them: the link must be a web address. */
export const BookingSettingsInput = BookingSettings.extend({
  bookingUrl: z
    .string()
    .trim()
    .max(SETTINGS_LIMITS.bookingUrlChars, `Keep the booking link under ${SETTINGS_LIMITS.bookingUrlChars} characters`)
    .refine(isWebUrl, "Use a web address that starts with https:// (or http://)")
    .nullable()
    .default(null),
});

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

// Building an Intl.DateTimeFormat costs ~75 µs and every run replay parses its schedule: remember answers.
const timezoneValidity = new Map<string, boolean>();

export function isValidTimezone(tz: string) {
  let valid = timezoneValidity.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      valid = tz.includes("/") || tz === "UTC";
    } catch {
      valid = false;
    }
    if (timezoneValidity.size < 1000) timezoneValidity.set(tz, valid);
  }
  return valid;
}

export const Timezone = z.string().refine(isValidTimezone, { message: "Unknown timezone: use an IANA name such as America/Chicago" });

/** The schedule facts the engine and the messaging guardrails need about a client. */
export const ClientSchedule = z.object({
  timezone: Timezone,
  businessHours: WeeklyHours,
  closures: Closures,
  quietHours: QuietHours,
});
export type ClientSchedule = z.infer<typeof ClientSchedule>;
