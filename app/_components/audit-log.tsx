import { auditKinds, type AuditKind } from "@/server/audit/audit-service";

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  client: string | null;
  summary: string;
}

export const parseKind = (value: string | string[] | undefined): AuditKind | null =>
  typeof value === "string" && value in auditKinds ? (value as AuditKind) : null;

/** The audit log list with its filter (a plain GET form: the page reads ?kind= and ?client=). */
export function AuditLog({ rows, kind, clients, client }: { rows: AuditRow[]; kind: AuditKind | null; clients?: { id: string; name: string }[]; client?: string | null }) {
  return (
    <div className="space-y-4">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="block">
          <span className="text-sm font-medium text-slate-700">What</span>
          <select name="kind" defaultValue={kind ?? ""} className="input mt-1 w-44">
            <option value="">Everything</option>
            {(Object.keys(auditKinds) as AuditKind[]).map((k) => (
              <option key={k} value={k}>
                {auditKinds[k].label}
              </option>
            ))}
          </select>
        </label>
        {clients && (
          <label className="block">
            <span className="text-sm font-medium text-slate-700">Client</span>
            <select name="client" defaultValue={client ?? ""} className="input mt-1 w-56">
              <option value="">All clients</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="btn-secondary">
          Filter
        </button>
      </form>
      <ol className="card divide-y divide-slate-100" aria-label="Audit log">
        {rows.map((r) => (
          <li key={r.id} className="flex items-baseline gap-4 px-5 py-3 text-sm" data-testid="audit-row">
            <time className="w-40 shrink-0 text-xs text-slate-500" dateTime={r.at.toISOString()}>
              {r.at.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" })} UTC
            </time>
            <p className="flex-1 text-slate-700">
              <strong className="font-medium text-slate-900">{r.actor}</strong> {r.summary}
              {r.client && clients && <span className="text-slate-500"> · {r.client}</span>}
            </p>
          </li>
        ))}
        {rows.length === 0 && <li className="px-5 py-4 text-sm text-slate-500">Nothing recorded{kind ? " of this kind" : ""} yet.</li>}
      </ol>
    </div>
  );
}
