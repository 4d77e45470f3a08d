"use client";

import { useMutation } from "@tanstack/react-query";
import { Archive, Copy, Pencil } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/clients/phone";
import type { FlowState } from "@/server/flows/flow-service";

interface FlowRow {
  id: string;
  name: string;
  state: FlowState;
  triggerNumbers: string[] | "all";
  lastRunAt: Date | null;
  runs7d: number;
}

export function StateBadge({ state }: { state: FlowState }) {
  const [label, style] =
    state.kind === "draft"
      ? ["Draft", "bg-slate-100 text-slate-700"]
      : state.kind === "published"
        ? [`Published v${state.version}`, "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200"]
        : [`Draft ahead of v${state.version}`, "bg-amber-50 text-amber-800 ring-1 ring-amber-200"];
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}

const ago = (d: Date | null) => {
  if (!d) return "Never";
  const minutes = Math.round((Date.now() - new Date(d).getTime()) / 60_000);
  if (minutes < 1) return "Just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(d).toLocaleDateString();
};

export function FlowsTable({ clientId, flows, canEdit }: { clientId: string; flows: FlowRow[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions({ onSuccess: () => router.refresh() }));
  const archive = useMutation(trpc.flows.archive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="card overflow-hidden">
      <table className="w-full text-left text-sm" aria-label="Flows">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wider text-slate-500">
          <tr>
            <th className="px-5 py-3">Flow</th>
            <th className="px-5 py-3">State</th>
            <th className="px-5 py-3">Listens on</th>
            <th className="px-5 py-3">Last run</th>
            <th className="px-5 py-3 text-right">Runs (7 days)</th>
            <th className="px-5 py-3" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {flows.map((f) => (
            <tr key={f.id} className="hover:bg-slate-50" data-testid="flow-row">
              <td className="px-5 py-3">
                <Link href={`/clients/${clientId}/flows/${f.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {f.name}
                </Link>
              </td>
              <td className="px-5 py-3">
                <StateBadge state={f.state} />
              </td>
              <td className="px-5 py-3 text-slate-600">{f.triggerNumbers === "all" ? "All numbers" : f.triggerNumbers.map(formatPhone).join(", ")}</td>
              <td className="px-5 py-3 text-slate-600">{ago(f.lastRunAt)}</td>
              <td className="px-5 py-3 text-right tabular-nums text-slate-900">{f.runs7d}</td>
              <td className="px-5 py-3">
                <div className="flex justify-end gap-1">
                  <Link href={`/clients/${clientId}/flows/${f.id}`} className="btn-ghost" aria-label={`Open ${f.name}`}>
                    <Pencil className="h-4 w-4" />
                  </Link>
                  {canEdit && (
                    <>
                      <button type="button" className="btn-ghost" aria-label={`Duplicate ${f.name}`} onClick={() => duplicate.mutate({ clientId, flowId: f.id })}>
                        <Copy className="h-4 w-4" />
                      </button>
                      <button
                        type="button"
                        className="btn-ghost"
                        aria-label={`Archive ${f.name}`}
                        onClick={() => confirm(`Archive "${f.name}"? It stops starting new runs; runs in progress finish.`) && archive.mutate({ clientId, flowId: f.id })}
                      >
                        <Archive className="h-4 w-4" />
                      </button>
                    </>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
