import type { DashboardData } from "./dashboard-view";

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/** Reply rate per flow, and under each flow the ways runs went at each branching step and who replied. */
export function ReplyRates({ flows }: { flows: DashboardData["replyRateByFlow"] }) {
  return (
    <section className="card p-6" aria-label="Reply rate by flow">
      <h2 className="font-semibold text-slate-900">Reply rate by flow and branch</h2>
      <p className="mt-1 text-xs text-slate-500">Of the runs that went each way, how many got a reply from the caller.</p>
      <ul className="mt-4 space-y-5 text-sm">
        {flows.map((f) => (
          <li key={f.flowId} data-testid="flow-reply-rate">
            <div className="flex items-baseline justify-between gap-3">
              <span className="font-medium text-slate-800">{f.flow}</span>
              <span className="tabular-nums text-slate-900">
                {pct(f.rate)} <span className="text-slate-400">({f.replied}/{f.runs})</span>
              </span>
            </div>
            {f.branches.length > 0 && (
              <ul className="mt-2 space-y-2 border-l-2 border-slate-100 pl-3" aria-label={`Branches of ${f.flow}`}>
                {byNode(f.branches).map((node) => (
                  <li key={node.nodeId}>
                    <p className="truncate text-xs font-medium text-slate-500" title={node.node}>
                      {node.node}
                    </p>
                    <ul className="mt-1 space-y-1">
                      {node.branches.map((b) => (
                        <li key={b.handle} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3" data-testid="branch-reply-rate">
                          <span className="truncate text-slate-800">
                            <span className="text-slate-400">→</span> {b.branch}
                          </span>
                          <span className="text-right text-xs tabular-nums text-slate-500">
                            {b.runs} {b.runs === 1 ? "run" : "runs"} · <span className="font-medium text-slate-800">{pct(b.rate)}</span> replied
                          </span>
                          <span className="col-span-2 h-1 rounded-full bg-slate-100">
                            <span className="block h-1 rounded-full bg-brand-500" style={{ width: `${b.rate * 100}%` }} />
                          </span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Branch = DashboardData["replyRateByFlow"][number]["branches"][number];

/** Consecutive branches of one node, under the node's name (they arrive in flow order). */
function byNode(branches: Branch[]) {
  const nodes: { nodeId: string; node: string; branches: Branch[] }[] = [];
  for (const b of branches) {
    const last = nodes.at(-1);
    if (last?.nodeId === b.nodeId) last.branches.push(b);
    else nodes.push({ nodeId: b.nodeId, node: b.node, branches: [b] });
  }
  return nodes;
}
