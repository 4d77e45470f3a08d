import dagre from "@dagrejs/dagre";
import { NODE_WIDTH, nodeHeight } from "@/app/_components/flow-canvas";
import { handlesOf, type FlowGraph, type FlowNode } from "@/server/flows/model";

const NODE_GAP = 40;
const RANK_GAP = 90;

/**
 * Left-to-right layout with dagre, then each column re-stacked in the order of the handles that
 * lead into it: dagre knows nodes, not ports, so without this "Open" (the upper handle) could lead
 * to the lower step and cross "Closed".
 */
export function autoLayout(graph: FlowGraph): FlowGraph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: NODE_GAP, ranksep: RANK_GAP });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  // A branch's first steps sit in the column right after the decision, so "Open" and "Closed" lead
  // to neighbours (the column pass below can then order them); longer branches stretch later on.
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const e of graph.edges) g.setEdge(e.source, e.target, { weight: handlesOf(byId.get(e.source)!).length > 1 ? 4 : 1 });
  dagre.layout(g);
  const placed = new Map<string, FlowNode["position"]>(
    graph.nodes.map((n) => {
      const p = g.node(n.id);
      return [n.id, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - nodeHeight(n) / 2) }];
    }),
  );
  return { ...graph, nodes: orderColumnsByPort(graph, placed).map((n) => ({ ...n, position: placed.get(n.id)! })) };
}

/** Re-stacks each column, left to right, by where its incoming edges leave their source. */
function orderColumnsByPort(graph: FlowGraph, placed: Map<string, FlowNode["position"]>): FlowNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const portY = (source: string, handle: string) => {
    const n = byId.get(source)!;
    const index = Math.max(0, handlesOf(n).findIndex((h) => h.id === handle));
    return placed.get(source)!.y + 80 + index * 24;
  };
  const columns = new Map<number, FlowNode[]>();
  for (const n of graph.nodes) columns.set(placed.get(n.id)!.x, [...(columns.get(placed.get(n.id)!.x) ?? []), n]);
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(x)!;
    if (column.length < 2) continue;
    const key = (n: FlowNode) => {
      const incoming = graph.edges.filter((e) => e.target === n.id && placed.get(e.source)!.x < x);
      return incoming.length ? Math.min(...incoming.map((e) => portY(e.source, e.sourceHandle))) : placed.get(n.id)!.y;
    };
    // Keep dagre's slots (its spacing lines steps up with their neighbours); only who sits where changes.
    const slots = column.map((n) => placed.get(n.id)!.y).sort((a, b) => a - b);
    const keys = new Map(column.map((n) => [n.id, key(n)]));
    let floor = -Infinity;
    [...column]
      .sort((a, b) => keys.get(a.id)! - keys.get(b.id)!)
      .forEach((n, i) => {
        const y = Math.max(slots[i], floor);
        placed.set(n.id, { x, y });
        floor = y + nodeHeight(n) + NODE_GAP;
      });
  }
  return graph.nodes;
}
