import dagre from "@dagrejs/dagre";
import type { Edge } from "@xyflow/react";
import { handlesOf, type FlowGraph } from "@/server/flows/model";
import type { CanvasNode } from "./flow-node";

/**
 * The canvas is a projection of the zod FlowGraph (the one source of truth): nodes and edges are
 * derived from it on every change, and canvas events are turned back into graph edits.
 */
export function toCanvas(
  graph: FlowGraph,
  view: { selected: Set<string>; issues: Map<string, number>; path: Set<string>; pathEdges: Set<string>; current: string | null },
): { nodes: CanvasNode[]; edges: Edge[] } {
  const nodes: CanvasNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: "flow",
    position: n.position,
    selected: view.selected.has(n.id),
    data: { node: n, issueCount: view.issues.get(n.id) ?? 0, onPath: view.path.has(n.id), current: view.current === n.id },
  }));
  const edges: Edge[] = graph.edges.map((e) => {
    const onPath = view.pathEdges.has(`${e.source}:${e.sourceHandle}`);
    return {
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      selected: view.selected.has(e.id),
      animated: onPath,
      style: onPath ? { stroke: "#10b981", strokeWidth: 3 } : { strokeWidth: 2 },
    };
  });
  return { nodes, edges };
}

const NODE_WIDTH = 240;
const nodeHeight = (kind: Parameters<typeof handlesOf>[0]) => 80 + handlesOf(kind).length * 24;

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
