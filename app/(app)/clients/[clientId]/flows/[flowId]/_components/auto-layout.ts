import dagre from "@dagrejs/dagre";
import { handlesOf, type FlowGraph } from "@/server/flows/model";

export const NODE_WIDTH = 240;
export const nodeHeight = (kind: Parameters<typeof handlesOf>[0]) => 80 + handlesOf(kind).length * 24;

/** Left-to-right layout with dagre; returns the graph with new positions. */
export function autoLayout(graph: FlowGraph): FlowGraph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n.kind) });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - nodeHeight(n.kind) / 2) } };
    }),
  };
}
