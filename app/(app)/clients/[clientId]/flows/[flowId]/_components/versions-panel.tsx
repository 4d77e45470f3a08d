"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { BusinessTime } from "@/app/_components/business-time";
import { useConfirm } from "@/app/_components/dialog";
import { useTRPC } from "@/app/_trpc/client";
import type { FlowGraph } from "@/server/flows/model";

/** Published versions: who, when, note; view one read-only or restore it as the draft. */
export function VersionsPanel({
  clientId,
  flowId,
  canEdit,
  viewing,
  onView,
  onRestored,
}: {
  clientId: string;
  flowId: string;
  canEdit: boolean;
  viewing: string | null;
  onView: (versionId: string | null) => void;
  /** The restored draft and its revision: the editor takes it as one more step in its history. */
  onRestored: (draft: { graph: FlowGraph; revision: number }) => void;
}) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.flows.versions.queryOptions({ clientId, flowId }));
  const restore = useMutation(trpc.flows.restore.mutationOptions({ onSuccess: (draft) => onRestored(draft) }));
  const { confirm, dialog } = useConfirm();
  if (!versions.data?.length) return <p className="text-sm text-slate-500">Not published yet. Publishing makes version 1.</p>;
  return (
    <>
    {dialog}
    <ul className="space-y-2" aria-label="Versions">
      {versions.data.map((v) => (
        <li key={v.id} className={`rounded-lg border p-3 text-sm ${viewing === v.id ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}>
          <div className="flex items-center justify-between">
            <span className="font-semibold text-slate-900">
              Version {v.number} {v.active && <span className="ml-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-700">live</span>}
            </span>
            <span className="text-xs text-slate-500">
              <BusinessTime at={v.createdAt} />
            </span>
          </div>
          <p className="mt-0.5 text-slate-600">{v.note || "No note"}</p>
          <p className="text-xs text-slate-400">by {v.createdBy ?? "someone"}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" className="btn-secondary !py-1 text-xs" onClick={() => onView(viewing === v.id ? null : v.id)}>
              {viewing === v.id ? "Back to draft" : "View"}
            </button>
            {canEdit && (
              <button
                type="button"
                className="btn-secondary !py-1 text-xs"
                disabled={restore.isPending}
                onClick={async () =>
                  (await confirm({ title: `Restore version ${v.number} as the draft?`, body: "It replaces the draft (undo brings it back). The live version stays live until you publish.", confirmLabel: "Restore" })) &&
                  restore.mutate({ clientId, versionId: v.id })
                }
              >
                Restore as draft
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
    </>
  );
}
