const styles: Record<string, string> = {
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  waiting: "bg-violet-50 text-violet-700 ring-violet-200",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  sent: "bg-sky-50 text-sky-700 ring-sky-200",
  queued: "bg-slate-100 text-slate-600 ring-slate-200",
  undelivered: "bg-red-50 text-red-700 ring-red-200",
  blocked: "bg-amber-50 text-amber-800 ring-amber-200",
};
const labels: Record<string, string> = { waiting: "waiting for reply" };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${styles[status] ?? styles.queued}`}>{labels[status] ?? status}</span>;
}
