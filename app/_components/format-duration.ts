/**
 * "0.9 s", "2 min 38 s", "3 h 5 min": how long something took, to the precision a person reads
 * (the dashboard's median to first text is itself exact to 0.1 s below 2 minutes, 1 s below an hour).
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) {
    const s = Math.round(seconds);
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * "45 min", "2 h 5 min", "1 day 10 h": how long a flow waits, to the precision a person plans by
 * (whole minutes below a day, whole hours from a day on).
 */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const h = Math.round(m / 60);
  const days = Math.floor(h / 24);
  return `${days} day${days === 1 ? "" : "s"}${h % 24 ? ` ${h % 24} h` : ""}`;
}
