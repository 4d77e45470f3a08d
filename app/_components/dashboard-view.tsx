"use client";

import { Gauge } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ClientBreakdown } from "./client-breakdown";
import { EmptyState } from "./empty-state";
import { ReplyRates } from "./reply-rates";
import { formatDuration } from "@/app/_components/format-duration";

export interface DashboardData {
  funnel: { stage: string; count: number }[];
  failedSends: number;
  medianSecondsToFirstText: number | null;
  replyRateByFlow: {
    flowId: string;
    flow: string;
    runs: number;
    replied: number;
    rate: number;
    branches: { nodeId: string; node: string; handle: string; branch: string; runs: number; replied: number; rate: number }[];
  }[];
  byClient: { clientId: string; clientName: string; missed: number; texted: number; replied: number; leads: number; booked: number; failedSends: number; medianSecondsToFirstText: number | null }[];
  daily: { day: string; missed: number; texts: number }[];
}

/** Whose dashboard: one client's, or the agency's across every client (adds the per-client table). */
export type DashboardScope = { kind: "client" } | { kind: "agency" };

/** The funnel, the headline numbers, reply rate by flow and branch, the daily chart and, for an agency, each client. */
export function DashboardView({ data, scope }: { data: DashboardData; scope: DashboardScope }) {
  const top = data.funnel[0]?.count ?? 0;
  // Bars are drawn against the largest stage and never past the track, whatever the counts say.
  const widest = Math.max(1, ...data.funnel.map((f) => f.count));
  if (top === 0) {
    return (
      <EmptyState icon={Gauge} title={scope.kind === "agency" ? "No missed calls at any client yet" : "No missed calls yet"}>
        {scope.kind === "agency" ? "Open a client, publish a flow in its Flows, then call its number and let it ring out" : "Publish a flow in Flows, then call the business number and let it ring out"}{" "}
        (the phone simulator does this in development). The funnel fills in from the first missed call.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Median time from missed call to text" value={formatDuration(data.medianSecondsToFirstText)} />
        <Stat label="Reply rate" value={`${Math.round(((data.funnel[2]?.count ?? 0) / Math.max(1, data.funnel[1]?.count ?? 0)) * 100)}%`} />
        <Stat label="Failed sends to deal with" value={String(data.failedSends)} warn={data.failedSends > 0} />
      </div>
      <section className="card p-6" aria-label="Funnel">
        <h2 className="font-semibold text-slate-900">Funnel</h2>
        <ol className="mt-4 space-y-2">
          {data.funnel.map((f) => (
            <li key={f.stage} className="grid grid-cols-[6rem_1fr_3rem] items-center sm:grid-cols-[8rem_1fr_3rem] gap-3 text-sm" data-testid="funnel-stage">
              <span className="text-slate-600">{f.stage}</span>
              <span className="h-6 rounded-md bg-slate-100">
                <span className="block h-6 rounded-md bg-brand-500" style={{ width: `${Math.min(100, Math.max(2, (f.count / widest) * 100))}%` }} />
              </span>
              <span className="text-right font-semibold tabular-nums text-slate-900">{f.count}</span>
            </li>
          ))}
        </ol>
      </section>
      <div className="grid gap-6 xl:grid-cols-[2fr_1fr]">
        <section className="card p-6" aria-label="Daily">
          <h2 className="font-semibold text-slate-900">Missed calls and texts per day</h2>
          <div className="mt-4 h-64">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data.daily}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend />
                <Bar dataKey="missed" name="Missed calls" fill="#f43f5e" radius={[3, 3, 0, 0]} />
                <Bar dataKey="texts" name="Texts sent" fill="#3b7bf6" radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </section>
        <ReplyRates flows={data.replyRateByFlow} />
      </div>
      {scope.kind === "agency" && <ClientBreakdown clients={data.byClient} />}
    </div>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className="card p-5">
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold ${warn ? "text-red-600" : "text-slate-900"}`}>{value}</p>
    </div>
  );
}
