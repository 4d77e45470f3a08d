/**
 * "45 min", "2 h 5 min", "1 day 10 h": a number of minutes as a person reads it. By default whole
 * minutes below a day and whole hours from a day on (how long a wait took); `exact` keeps every
 * minute ("1 day 10 h 13 min"), for a setting the person typed.
 */
export function formatMinutes(minutes: number, precision: "rounded" | "exact" = "rounded"): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const total = precision === "rounded" && m >= 24 * 60 ? Math.round(m / 60) * 60 : m;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  return [days && `${days} day${days === 1 ? "" : "s"}`, hours && `${hours} h`, mins && `${mins} min`].filter(Boolean).join(" ");
}
