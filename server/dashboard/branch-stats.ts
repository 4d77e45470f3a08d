import { db } from "../db/client";
import { isNodeKind, nodeKinds, type HandleDef } from "../flows/model";
import { dashboardScope, type DashboardWindow } from "./dashboard-scope";

/** One way out of one node of a flow: how many runs went that way, and how many of them replied. */
export interface BranchStat {
  flowId: string;
  nodeId: string;
  /** The owner's name for the node (or the kind's label), as the newest run recorded it. */
  node: string;
  kind: string;
  handle: string;
  /** What the editor calls the handle: "Closed", "New caller", "No reply"… */
  branch: string;
  runs: number;
  replied: number;
  rate: number;
}

export interface FlowReplyRate {
  flowId: string;
  flow: string;
  runs: number;
  replied: number;
  rate: number;
  /** Only nodes that can go more than one way (conditions, sends, waits, booking), in flow order. */
  branches: BranchStat[];
}

/** Every output the kind can have (the rollup knows kinds, not configs). */
const kindHandles = (kind: string): readonly HandleDef[] => (isNodeKind(kind) ? nodeKinds[kind].handles : []);
const isBranching = (kind: string) => kindHandles(kind).length > 1;
const handleOrder = (kind: string, handle: string) => kindHandles(kind).findIndex((h) => h.id === handle);

/**
 * Reply rate by flow and by branch ("Business hours? → Closed: 12 runs, 58% replied"), from the
 * RunBranchDay rollup that database triggers keep from each run's recorded path and replies — a few
 * rows per client, day and flow, so this costs the same at a thousand runs or a million.
 */
export async function getReplyRates(w: DashboardWindow): Promise<FlowReplyRate[]> {
  const rows = await db.$queryRaw<{ flowId: string; flow: string; nodeId: string; handle: string; kind: string; node: string; position: number; runs: bigint; replied: bigint }[]>`
    WITH ${dashboardScope(w)}
    SELECT b."flowId", f."name" AS flow, b."nodeId", b."handle", max(b."kind") AS kind,
           (array_agg(b."node" ORDER BY b."day" DESC))[1] AS node, min(b."position") AS position, sum(b."runs") AS runs, sum(b."replied") AS replied
      FROM scope s
      JOIN "RunBranchDay" b ON b."clientId" = s.id AND b."day" BETWEEN s.first_day AND s.today
      JOIN "Flow" f ON f."id" = b."flowId"
     GROUP BY b."flowId", f."name", b."nodeId", b."handle"
    HAVING sum(b."runs") > 0`;
  const stat = (r: (typeof rows)[number]) => {
    const runs = Number(r.runs);
    const replied = Number(r.replied);
    return { runs, replied, rate: runs ? replied / runs : 0 };
  };
  // A node's place in the flow: the earliest step at which runs reach it, whichever way they left it.
  const position = new Map<string, number>();
  for (const r of rows) position.set(`${r.flowId}/${r.nodeId}`, Math.min(position.get(`${r.flowId}/${r.nodeId}`) ?? Infinity, r.position));
  const placeOf = (r: (typeof rows)[number]) => position.get(`${r.flowId}/${r.nodeId}`)!;
  const flows = rows.filter((r) => r.nodeId === "" && r.handle === "");
  return flows
    .map((f) => ({
      flowId: f.flowId,
      flow: f.flow,
      ...stat(f),
      branches: rows
        .filter((r) => r.flowId === f.flowId && isBranching(r.kind))
        .sort(
          (a, b) =>
            placeOf(a) - placeOf(b) ||
            a.nodeId.localeCompare(b.nodeId) ||
            handleOrder(a.kind, a.handle) - handleOrder(b.kind, b.handle),
        )
        .map((r) => {
          const label = kindHandles(r.kind).find((h) => h.id === r.handle)?.label;
          return { flowId: r.flowId, nodeId: r.nodeId, node: r.node, kind: r.kind, handle: r.handle, branch: label ?? r.handle, ...stat(r) };
        }),
    }))
    .sort((a, b) => b.runs - a.runs || a.flow.localeCompare(b.flow));
}
