"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ClientFilter } from "@/app/_components/client-filter";
import { EmptyState } from "@/app/_components/empty-state";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";
import { StatusBadge } from "./status-badge";

/** Whose runs: one client's (with its flows for the filter), or every client an agency user can see. */
export type RunsScope = { kind: "client"; clientId: string; flows: { id: string; name: string }[] } | { kind: "agency"; clients: { id: string; name: string }[] };

type Status = "running" | "waiting" | "completed" | "failed" | "cancelled";

const duration = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

export function RunsTable({ scope }: { scope: RunsScope }) {
  const trpc = useTRPC();
  const [clientId, setClientId] = useState<string | null>(scope.kind === "client" ? scope.clientId : null);
  const [status, setStatus] = useState<Status | null>(null);
  const [flowId, setFlowId] = useState<string | null>(null);
  const [caller, setCaller] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = { status, flowId, caller: caller.trim() || null, from: from ? new Date(from) : null, to: to ? new Date(to) : null, limit: 50 };
  const agency = scope.kind === "agency";
  // Running and waiting runs change on their own: keep the list live. One of the two is enabled.
  const live = { getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor };
  const clientRuns = useInfiniteQuery({ ...trpc.runs.list.infiniteQueryOptions({ ...filters, clientId: clientId ?? "" }, live), enabled: !agency, refetchInterval: 3000 });
  const allRuns = useInfiniteQuery({ ...trpc.runs.listAll.infiniteQueryOptions({ ...filters, clientId }, live), enabled: agency, refetchInterval: 3000 });
  const query = agency ? allRuns : clientRuns;
  // An agency user picks a client first; its flows then fill the flow filter.
  const clientFlows = useQuery({ ...trpc.flows.list.queryOptions({ clientId: clientId ?? "" }), enabled: agency && clientId !== null });
  const flows = scope.kind === "client" ? scope.flows : (clientFlows.data ?? []);
  const runs = query.data?.pages.flatMap((p) => p.runs) ?? [];
  const filtered = status || flowId || caller || from || to || (agency && clientId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" aria-label="Filters">
        {scope.kind === "agency" && (
          <ClientFilter
            clients={scope.clients}
            value={clientId}
            onChange={(id) => {
              setClientId(id);
              setFlowId(null); // flows belong to one client
            }}
          />
        )}
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-500">Status</span>
          <select className="input mt-1 w-44" value={status ?? ""} onChange={(e) => setStatus((e.target.value || null) as Status | null)} aria-label="Status">
            <option value="">All</option>
            <option value="running">Running</option>
            <option value="waiting">Waiting for reply</option>
            <option value="completed">Completed</option>
            <option value="failed">Failed</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </label>
        <label className={`text-sm ${agency && !clientId ? "hidden" : ""}`}>
          <span className="block text-xs font-medium text-slate-500">Flow</span>
          <select className="input mt-1 w-52" value={flowId ?? ""} onChange={(e) => setFlowId(e.target.value || null)} aria-label="Flow">
            <option value="">All flows</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-500">Caller</span>
          <input className="input mt-1 w-44" placeholder="312 555…" value={caller} onChange={(e) => setCaller(e.target.value)} aria-label="Caller" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-500">From</span>
          <input type="date" className="input mt-1" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-500">To</span>
          <input type="date" className="input mt-1" value={to} onChange={(e) => setTo(e.target.value)} aria-label="To" />
        </label>
      </div>
      {runs.length === 0 && !query.isLoading ? (
        <EmptyState icon={History} title={filtered ? "No runs match these filters" : "No runs yet"}>
          {filtered
            ? "Try a wider date range or another status."
            : agency
              ? "When a call to any client is missed, each published flow that listens on the number starts a run. Publish a flow for a client, then call its number (or use the phone simulator) to see the first one here."
              : "When a call to this business is missed, each published flow that listens on the number starts a run. Publish a flow, then call the number (or use the phone simulator) to see the first one here."}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Runs">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wider text-slate-500">
              <tr>
                <th className="px-5 py-3">Status</th>
                {agency && <th className="px-5 py-3">Client</th>}
                <th className="px-5 py-3">Flow</th>
                <th className="px-5 py-3">Caller</th>
                <th className="px-5 py-3">Started</th>
                <th className="px-5 py-3">Duration</th>
                <th className="px-5 py-3">Outcome</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50" data-testid="run-row">
                  <td className="px-5 py-3">
                    <Link href={`/clients/${r.clientId}/runs/${r.id}`} className="hover:underline">
                      <StatusBadge status={r.status} />
                    </Link>
                  </td>
                  {agency && (
                    <td className="px-5 py-3">
                      <Link href={`/clients/${r.clientId}/runs`} className="text-slate-700 hover:text-brand-700" data-testid="run-client">
                        {r.clientName}
                      </Link>
                    </td>
                  )}
                  <td className="px-5 py-3">
                    <Link href={`/clients/${r.clientId}/runs/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {r.flowName}
                    </Link>{" "}
                    <span className="text-xs text-slate-400">v{r.version}</span>
                  </td>
                  <td className="px-5 py-3 text-slate-600">{r.caller ? formatPhone(r.caller) : "—"}</td>
                  <td className="px-5 py-3 text-slate-600">{new Date(r.startedAt).toLocaleString()}</td>
                  <td className="px-5 py-3 tabular-nums text-slate-600">{duration(r.durationMs)}</td>
                  <td className="max-w-xs truncate px-5 py-3 text-slate-600" title={r.outcome ?? undefined}>
                    {r.outcome ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {query.hasNextPage && (
            <div className="border-t border-slate-100 p-3 text-center">
              <button type="button" className="btn-secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                Load more
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
