import { SplitBranchIds } from "../../model/node-configs";
import { splitBranches } from "../../model/catalogue";
import { ask, go, resultOf, type NodeHandler } from "./node-handler";

/** Tag contact: one effect that adds and removes tags; later steps see the tags it leaves. */
export const tagContact: NodeHandler<"action.tagContact"> = (run) => {
  const { add, remove } = run.node.config;
  if (run.phase === null) return ask({ kind: "tagContact", contact: run.facts.contact.e164, add: [...add], remove: [...remove] }, "tagged");
  run.vars.tags = resultOf(run, "tagContact").tags;
  const words = [add.length ? `tagged ${add.join(", ")}` : "", remove.length ? `untagged ${remove.join(", ")}` : ""].filter(Boolean);
  return go("next", words.join("; "));
};

/**
 * A/B split: the branch is drawn by the runner (pickBranch), once per run, and comes back as the
 * effect's result — so a replay, the run page and the dashboard all see the branch that was drawn.
 */
export const abSplit: NodeHandler<"action.abSplit"> = (run) => {
  const { branches } = run.node.config;
  if (run.phase === null) return ask({ kind: "pickBranch", weights: branches.map((b) => b.weight) }, "picked");
  const { branch } = resultOf(run, "pickBranch");
  if (branch >= branches.length) {
    return {
      type: "fail",
      error: { code: "effectFailed", nodeId: run.node.id, message: `'${run.name}' was given branch ${branch + 1}, but it has ${branches.length} branches.` },
    };
  }
  const shown = splitBranches(branches)[branch];
  return go(SplitBranchIds[branch], `${shown.label}, drawn with a ${shown.percent} chance`);
};

/**
 * The branch a random number in [0, 1) picks, each branch taking a slice the size of its weight.
 * Pure, so the runner's draw (with a real random number) is testable with chosen ones.
 */
export function pickWeighted(weights: readonly number[], random: number): number {
  const total = weights.reduce((a, w) => a + w, 0);
  let point = random * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i];
    if (point < 0) return i;
  }
  return weights.length - 1;
}
