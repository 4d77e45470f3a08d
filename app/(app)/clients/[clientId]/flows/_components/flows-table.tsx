"use client";

import { useMutation } from "@tanstack/react-query";
import { AlertTriangle, Archive, ArrowDown, ArrowUp, Copy, Pencil } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useConfirm } from "@/app/_components/dialog";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";
import type { FlowState } from "@/server/flows/flow-service";

interface FlowRow {
  id: string;
  name: string;
  state: FlowState;
  triggerNumbers: string[] | "all";
  lastRunAt: Date | null;
  runs7d: number;
  order: number | null;
  overlaps: { id: string; name: string }[];
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
  const setOrder = useMutation(trpc.flows.setOrder.mutationOptions({ onSuccess: () => router.refresh() }));
  const { confirm, dialog } = useConfirm();
  const live = flows.filter((f) => f.order !== null);
  // Moves a live flow one place up or down among the live flows (drafts keep their place after them).
  const move = (f: FlowRow, by: -1 | 1) => {
    const ids = live.map((l) => l.id);
    const at = ids.indexOf(f.id);
    [ids[at], ids[at + by]] = [ids[at + by], ids[at]];
    setOrder.mutate({ clientId, flowIds: ids });
  };
  const anyOverlap = live.some((f) => f.overlaps.length > 0);
  return (
    <div className="space-y-3">
      {dialog}
      {anyOverlap && (
        <p className="flex items-start gap-2 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="overlap-note">
          <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" />
          Several live flows listen for the same missed calls. Each call runs only the first of them in the order below; move a flow up to make it answer first, or
          archive the one you no longer need.
        </p>
      )}
    <div className="card overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Flows">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wider text-slate-500">
          <tr>
            <th className="px-5 py-3" title="Of the live flows listening for a call, the first answers it">Order</th>
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
              <td className="whitespace-nowrap px-5 py-3" data-testid="flow-order">
                {f.order === null ? (
                  <span className="text-slate-400" title="Drafts answer no calls">—</span>
                ) : (
                  <span className="inline-flex items-center gap-1">
                    <span className="w-5 font-semibold tabular-nums text-slate-900">{f.order}</span>
                    {canEdit && live.length > 1 && (
                      <>
                        <button type="button" className="btn-ghost px-1" aria-label={`Move ${f.name} up`} disabled={f.order === 1 || setOrder.isPending} onClick={() => move(f, -1)}>
                          <ArrowUp className="h-3.5 w-3.5" />
                        </button>
                        <button type="button" className="btn-ghost px-1" aria-label={`Move ${f.name} down`} disabled={f.order === live.length || setOrder.isPending} onClick={() => move(f, 1)}>
                          <ArrowDown className="h-3.5 w-3.5" />
                        </button>
                      </>
                    )}
                  </span>
                )}
              </td>
              <td className="px-5 py-3">
                <Link href={`/clients/${clientId}/flows/${f.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {f.name}
                </Link>
                {f.overlaps.length > 0 && (
                  <p className="mt-0.5 text-xs text-amber-800" data-testid="flow-overlap">
                    {f.overlaps.some((o) => live.findIndex((l) => l.id === o.id) < live.findIndex((l) => l.id === f.id))
                      ? `Overlaps ${f.overlaps.map((o) => `“${o.name}”`).join(", ")}: answers only the calls an earlier flow does not listen for`
                      : `Overlaps ${f.overlaps.map((o) => `“${o.name}”`).join(", ")}: answers those calls first`}
                  </p>
                )}
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
                        onClick={async () => {
                          const ok = await confirm({ title: `Archive “${f.name}”?`, body: "It stops starting new runs; runs in progress finish.", confirmLabel: "Archive", danger: true });
                          if (ok) archive.mutate({ clientId, flowId: f.id });
                        }}
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
    </div>
  );
}
