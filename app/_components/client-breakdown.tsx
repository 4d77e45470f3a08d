import Link from "next/link";
import type { DashboardData } from "./dashboard-view";
import { formatDuration } from "@/app/_components/format-duration";

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "–");

/** The agency dashboard's table: each client's funnel side by side, busiest first. */
export function ClientBreakdown({ clients }: { clients: DashboardData["byClient"] }) {
  return (
    <section className="card overflow-x-auto" aria-label="Clients">
      <h2 className="px-6 pt-6 font-semibold text-slate-900">By client</h2>
      <table className="mt-4 w-full text-left text-sm" aria-label="Clients breakdown">
        <thead className="border-y border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wider text-slate-500">
          <tr>
            <th className="px-6 py-3">Client</th>
            <th className="px-4 py-3 text-right">Missed calls</th>
            <th className="px-4 py-3 text-right">Texted</th>
            <th className="px-4 py-3 text-right">Replied</th>
            <th className="px-4 py-3 text-right">Leads</th>
            <th className="px-4 py-3 text-right">Booked</th>
            <th className="px-4 py-3 text-right">Median to text</th>
            <th className="px-6 py-3 text-right">Failed sends</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {clients.map((c) => (
            <tr key={c.clientId} className="hover:bg-slate-50" data-testid="client-breakdown-row">
              <td className="whitespace-nowrap px-6 py-3">
                <Link href={`/clients/${c.clientId}/dashboard`} className="font-medium text-slate-900 hover:text-brand-700">
                  {c.clientName}
                </Link>
              </td>
              <td className="px-4 py-3 text-right text-slate-700">{c.missed}</td>
              <td className="px-4 py-3 text-right text-slate-700">{c.texted}</td>
              <td className="px-4 py-3 text-right text-slate-700">
                {c.replied} <span className="text-xs text-slate-400">{pct(c.replied, c.texted)}</span>
              </td>
              <td className="px-4 py-3 text-right text-slate-700">{c.leads}</td>
              <td className="px-4 py-3 text-right text-slate-700">{c.booked}</td>
              <td className="px-4 py-3 text-right text-slate-700">{formatDuration(c.medianSecondsToFirstText)}</td>
              <td className={`px-6 py-3 text-right ${c.failedSends ? "font-semibold text-red-600" : "text-slate-700"}`}>
                {c.failedSends ? (
                  <Link href={`/clients/${c.clientId}/failed-sends`} className="hover:underline">
                    {c.failedSends}
                  </Link>
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
