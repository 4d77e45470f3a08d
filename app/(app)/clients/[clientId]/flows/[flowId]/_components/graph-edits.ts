import { defaultConfigOf, type FlowGraph, type FlowNode, type NodeKind } from "@/server/flows/model";
import { NODE_WIDTH, nodeHeight } from "@/app/_components/flow-canvas";

/**
 * Edits the editor makes to the zod graph. Pure functions: the canvas turns its events into these,
 * and undo/redo keeps the graphs they return.
 */

export const newNodeId = (kind: string) => `${kind.split(".").pop()}-${Math.random().toString(36).slice(2, 7)}`;
const edgeId = (source: string, handle: string) => `${source}:${handle}`;

/** Each output handle leads to one next step: connecting it again replaces its old edge. */
export function connect(g: FlowGraph, source: string, sourceHandle: string, target: string): FlowGraph {
  if (source === target) return g;
  const others = g.edges.filter((e) => !(e.source === source && e.sourceHandle === sourceHandle));
  return { ...g, edges: [...others, { id: edgeId(source, sourceHandle), source, sourceHandle, target }] };
}

/** Moves an existing edge to new ends (the edge the person dragged goes; the new one takes its place). */
export function reconnect(g: FlowGraph, edgeIdToMove: string, source: string, sourceHandle: string, target: string): FlowGraph {
  if (source === target) return g;
  return connect({ ...g, edges: g.edges.filter((e) => e.id !== edgeIdToMove) }, source, sourceHandle, target);
}

export function removeNodes(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  const nodes = g.nodes.filter((n) => !ids.has(n.id) || n.kind === "trigger.missedCall");
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

export function removeEdges(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  return { ...g, edges: g.edges.filter((e) => !ids.has(e.id)) };
}

/** The selected steps and the edges between them; the trigger is never copied (a flow has one). */
export function subgraph(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  const nodes = g.nodes.filter((n) => ids.has(n.id) && n.kind !== "trigger.missedCall");
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

/** A pasted copy: new ids, shifted down and right, edges between the copied nodes kept. */
export function offsetCopy(g: FlowGraph, by = 40): FlowGraph {
  const ids = new Map(g.nodes.map((n) => [n.id, newNodeId(n.kind)]));
  return {
    nodes: g.nodes.map((n) => ({ ...n, id: ids.get(n.id)!, position: { x: n.position.x + by, y: n.position.y + by } })),
    edges: g.edges.map((e) => ({ ...e, id: edgeId(ids.get(e.source)!, e.sourceHandle), source: ids.get(e.source)!, target: ids.get(e.target)! })),
  };
}

/** Adds a copy (from offsetCopy), moved down as far as it takes for none of it to cover a step. */
export function paste(g: FlowGraph, copy: FlowGraph): { graph: FlowGraph; pasted: FlowGraph } {
  let dy = 0;
  const covers = (d: number) => copy.nodes.some((c) => g.nodes.some((n) => overlaps({ x: c.position.x, y: c.position.y + d }, c.kind, n)));
  for (let i = 0; i < 100 && covers(dy); i++) dy += 40;
  const pasted = { ...copy, nodes: copy.nodes.map((n) => ({ ...n, position: { x: n.position.x, y: n.position.y + dy } })) };
  return { graph: { nodes: [...g.nodes, ...pasted.nodes], edges: [...g.edges, ...pasted.edges] }, pasted };
}

const overlaps = (a: FlowNode["position"], kind: NodeKind, b: FlowNode) =>
  a.x < b.position.x + NODE_WIDTH && b.position.x < a.x + NODE_WIDTH && a.y < b.position.y + nodeHeight(b) && b.position.y < a.y + nodeHeight({ kind, config: defaultConfigOf(kind) });

/** The nearest spot at or below `at`, on a 20 px grid, where a new step covers no other step. */
export function freeSpot(g: FlowGraph, kind: NodeKind, at: FlowNode["position"]): FlowNode["position"] {
  let spot = { x: Math.round(at.x / 20) * 20, y: Math.round(at.y / 20) * 20 };
  for (let i = 0; i < 50 && g.nodes.some((n) => overlaps(spot, kind, n)); i++) spot = { ...spot, y: spot.y + 40 };
  return spot;
}

export function addNode(g: FlowGraph, kind: NodeKind, at: FlowNode["position"], id = newNodeId(kind)): FlowGraph {
  return { ...g, nodes: [...g.nodes, { id, kind, position: freeSpot(g, kind, at), config: defaultConfigOf(kind) }] };
}
