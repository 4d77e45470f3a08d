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

