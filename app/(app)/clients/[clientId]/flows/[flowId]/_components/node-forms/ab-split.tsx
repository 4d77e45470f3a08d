import { Plus, X } from "lucide-react";
import { splitBranches, SplitBranchIds } from "@/server/flows/model";
import type { NodeForm } from "./fields";

type Branch = { label?: string; weight?: number };

/** Two to four branches, each a name and a weight; the share of runs each gets is shown as it is typed. */
export const AbSplitForm: NodeForm<"action.abSplit"> = ({ config, set, errorsFor, readOnly }) => {
  const branches: Branch[] = Array.isArray(config.branches) ? (config.branches as Branch[]) : [];
  const shown = splitBranches(branches);
  // Problems of one branch show beside it; the rest (too few, too many) below them all.
  const perBranch = new Set(branches.flatMap((_, i) => errorsFor(`branches.${i}`)));
  const change = (i: number, patch: Branch) => set("branches", branches.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Branches</legend>
      {branches.map((b, i) => (
        <div key={i} className="space-y-1" data-testid={`split-branch-${SplitBranchIds[i]}`}>
          <div className="grid grid-cols-[1.25rem_minmax(0,1fr)_4.5rem_2.75rem_1.5rem] items-center gap-1.5">
            <span className="text-xs font-semibold text-slate-500">{SplitBranchIds[i].toUpperCase()}</span>
            <input className="input" aria-label={`Branch ${SplitBranchIds[i].toUpperCase()} name`} placeholder={`Branch ${SplitBranchIds[i].toUpperCase()}`} value={b.label ?? ""} onChange={(e) => change(i, { label: e.target.value })} />
            <input
              type="number"
              className="input"
              aria-label={`Branch ${SplitBranchIds[i].toUpperCase()} weight`}
              value={typeof b.weight === "number" && Number.isFinite(b.weight) ? b.weight : ""}
              onChange={(e) => change(i, { weight: e.target.valueAsNumber })}
            />
            <span className="text-right text-xs tabular-nums text-slate-500">{shown[i]?.percent}</span>
            {/* Only the last branch can go, so every other branch keeps its output and its connection. */}
            {!readOnly && branches.length > 2 && i === branches.length - 1 ? (
              <button type="button" className="text-slate-400 hover:text-red-600" aria-label={`Remove branch ${SplitBranchIds[i].toUpperCase()}`} onClick={() => set("branches", branches.filter((_, j) => j !== i))}>
                <X className="h-4 w-4" />
              </button>
            ) : (
              <span />
            )}
          </div>
          {errorsFor(`branches.${i}`).map((e) => (
            <p key={e} className="field-error" role="alert">
              {e}
            </p>
          ))}
        </div>
      ))}
      {errorsFor("branches")
        .filter((e) => !perBranch.has(e))
        .map((e) => (
          <p key={e} className="field-error" role="alert">
            {e}
          </p>
        ))}
      {!readOnly && branches.length < SplitBranchIds.length && (
        <button type="button" className="btn-secondary w-full" onClick={() => set("branches", [...branches, { label: "", weight: 50 }])}>
          <Plus className="h-4 w-4" /> Add a branch
        </button>
      )}
      <p className="text-xs text-slate-500">Each run takes one branch at random, in proportion to its weight. The dashboard shows the reply rate of each.</p>
    </fieldset>
  );
};
