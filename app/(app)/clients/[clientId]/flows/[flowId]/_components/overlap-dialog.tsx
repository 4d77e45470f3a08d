"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Dialog } from "@/app/_components/dialog";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

export interface Overlap {
  id: string;
  name: string;
  /** The other flow comes first in the order, so it answers the calls both listen for. */
  runsFirst: boolean;
}

/**
 * After publishing: other live flows listen for the same missed calls, and only the first in the
 * order answers each one. Offers the three ways out: archive the other flow, make this one answer
 * first, or keep the order as it is.
 */
export function OverlapDialog({ clientId, flow, overlaps, onClose }: { clientId: string; flow: { id: string; name: string }; overlaps: Overlap[]; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = () => {
    router.refresh();
    onClose();
  };
  const archive = useMutation(trpc.flows.archive.mutationOptions());
  const setOrder = useMutation(trpc.flows.setOrder.mutationOptions({ onSuccess: done }));
  const archiveOthers = async () => {
    for (const o of overlaps) await archive.mutateAsync({ clientId, flowId: o.id });
    done();
  };
  const names = overlaps.map((o) => `“${o.name}”`).join(" and ");
  const answersFirst = overlaps.every((o) => !o.runsFirst);
  return (
    <Dialog open={overlaps.length > 0} onClose={onClose} title="Another live flow takes the same calls" className="w-[32rem]">
      <div className="space-y-3 text-sm text-slate-600" data-testid="overlap-dialog">
        <p>
          {names} {overlaps.length > 1 ? "are" : "is"} also live and listen{overlaps.length > 1 ? "" : "s"} for the same missed calls. Each call runs only one flow: the first in
          the order on the Flows page.
        </p>
        <p className="font-medium text-slate-900">
          {answersFirst ? `“${flow.name}” answers those calls now.` : `${names} answer${overlaps.length > 1 ? "" : "s"} those calls now; “${flow.name}” runs only for calls the other does not listen for.`}
        </p>
        {(archive.error || setOrder.error) && <p className="text-red-600">{messageOf(archive.error ?? setOrder.error)}</p>}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            Keep the order
          </button>
          {!answersFirst && (
            <button type="button" className="btn-secondary" disabled={setOrder.isPending} onClick={() => setOrder.mutate({ clientId, flowIds: [flow.id] })}>
              Run “{flow.name}” first
            </button>
          )}
          <button type="button" className="btn-danger" disabled={archive.isPending} onClick={() => void archiveOthers()}>
            Archive {names}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
