"use client";

import { createContext, useContext } from "react";
import { formatDayTime, formatTime } from "@/server/schedule/format";

/**
 * One clock: every time on a client's pages is the business's own wall-clock time, labelled with its
 * zone ("Tue Dec 3, 8:00 AM CST"), whatever timezone the browser is in. The client layout provides
 * the timezone; the text is built by hand (server/schedule/format), so the server's render and the
 * browser's are the same string.
 */
const TimezoneContext = createContext<string | null>(null);

export function BusinessTimezone({ timezone, children }: { timezone: string; children: React.ReactNode }) {
  return <TimezoneContext.Provider value={timezone}>{children}</TimezoneContext.Provider>;
}

/** "CST" / "EDT" for the zone at that instant (or "GMT-5" where the zone has no common abbreviation). */
export function zoneLabel(at: Date | string | number, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "short" }).formatToParts(new Date(at));
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timezone;
}

export const formatBusinessDayTime = (at: Date | string | number, timezone: string) => `${formatDayTime(new Date(at).getTime(), timezone)} ${zoneLabel(at, timezone)}`;
export const formatBusinessTime = (at: Date | string | number, timezone: string) => `${formatTime(new Date(at).getTime(), timezone)} ${zoneLabel(at, timezone)}`;

/** Formatters in the current client's timezone (the browser's own zone outside a client's pages). */
export function useBusinessTime() {
  const timezone = useContext(TimezoneContext) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    timezone,
    /** "Tue Dec 3, 8:00 AM CST" */
    dayTime: (at: Date | string | number) => formatBusinessDayTime(at, timezone),
    /** "8:00 AM CST" */
    time: (at: Date | string | number) => formatBusinessTime(at, timezone),
  };
}

/** A `<time>` in the business's timezone, with the exact instant in its title. */
export function BusinessTime({ at, only = "dayTime" }: { at: Date | string | number; only?: "dayTime" | "time" }) {
  const clock = useBusinessTime();
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {clock[only](at)}
    </time>
  );
}
