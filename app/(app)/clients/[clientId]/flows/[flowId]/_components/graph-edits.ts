import { defaultConfigOf, handlesOf, isTrigger, nodeKinds, triggerNodeOf, type FlowGraph, type FlowNode, type NodeKind } from "@/server/flows/model";
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

/**
 * Renames or re-configures a step. A config can take outputs away (an A/B split's last branch
 * removed): their edges go too, since the canvas cannot draw, select or delete an edge from an
 * output that is not there.
 */
export function updateNode(g: FlowGraph, id: string, patch: { label?: string; config?: Record<string, unknown> }): FlowGraph {
  const nodes = g.nodes.map((n) => (n.id === id ? { ...n, ...patch, config: patch.config ?? n.config } : n));
  const node = nodes.find((n) => n.id === id);
  if (!node || !patch.config) return { ...g, nodes };
  const outputs = new Set(handlesOf(node).map((h) => h.id));
  return { nodes, edges: g.edges.filter((e) => e.source !== id || outputs.has(e.sourceHandle)) };
}

export function removeNodes(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  const nodes = g.nodes.filter((n) => !ids.has(n.id) || isTrigger(n.kind));
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

export function removeEdges(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  return { ...g, edges: g.edges.filter((e) => !ids.has(e.id)) };
}

/** The selected steps and the edges between them; the trigger is never copied (a flow has one). */
export function subgraph(g: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  const nodes = g.nodes.filter((n) => ids.has(n.id) && !isTrigger(n.kind));
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

/** Whether a step of `kind` at `a` covers `b`, or comes closer to it than `margin`. */
const overlaps = (a: FlowNode["position"], kind: NodeKind, b: FlowNode, margin = 0) =>
  a.x < b.position.x + NODE_WIDTH + margin &&
  b.position.x < a.x + NODE_WIDTH + margin &&
  a.y < b.position.y + nodeHeight(b) + margin &&
  b.position.y < a.y + nodeHeight({ kind, config: defaultConfigOf(kind) }) + margin;

/** Room kept between a new step and its neighbours, so two steps never read as one. */
const SPACING = 20;

/** The nearest spot at or below `at`, on a 20 px grid, where a new step covers no other step and keeps clear of it. */
export function freeSpot(g: FlowGraph, kind: NodeKind, at: FlowNode["position"]): FlowNode["position"] {
  let spot = { x: Math.round(at.x / 20) * 20, y: Math.round(at.y / 20) * 20 };
  for (let i = 0; i < 50 && g.nodes.some((n) => overlaps(spot, kind, n, SPACING)); i++) spot = { ...spot, y: spot.y + 40 };
  return spot;
}

export function addNode(g: FlowGraph, kind: NodeKind, at: FlowNode["position"], id = newNodeId(kind)): FlowGraph {
  return { ...g, nodes: [...g.nodes, { id, kind, position: freeSpot(g, kind, at), config: defaultConfigOf(kind) }] };
}

/** The room between a step and the one it leads to, as the starters and the auto-layout leave it. */
export const FORWARD_GAP = 100;

/**
 * Adds a step after another (a palette step clicked or chosen by keyboard while one step is
 * selected): connected from that step's first handle that leads nowhere yet, one column to its
 * right so the edge reads forward, moved down until it covers no step. A step with every handle
 * taken (or none, as End) still gets the new step to its right, unconnected.
 */
export function addNodeAfter(g: FlowGraph, kind: NodeKind, afterId: string, id = newNodeId(kind)): FlowGraph {
  const after = g.nodes.find((n) => n.id === afterId);
  if (!after) return addNode(g, kind, { x: 0, y: 0 }, id);
  const added = addNode(g, kind, { x: after.position.x + NODE_WIDTH + FORWARD_GAP, y: after.position.y }, id);
  const open = handlesOf(after).find((h) => !g.edges.some((e) => e.source === after.id && e.sourceHandle === h.id));
  return open ? connect(added, after.id, open.id, id) : added;
}

/**
 * Makes `kind` the flow's trigger (a flow has one): the trigger there is becomes this kind, in its
 * place and with its connection and numbers kept (a name the owner gave it too); with none, one is
 * added at `at`. Answers the graph and the trigger's id.
 */
export function setTrigger(g: FlowGraph, kind: NodeKind, at: FlowNode["position"] = { x: 0, y: 0 }): { graph: FlowGraph; id: string } {
  const current = triggerNodeOf(g.nodes);
  if (!current) {
    const graph = addNode(g, kind, at, "trigger");
    return { graph, id: graph.nodes[graph.nodes.length - 1].id };
  }
  if (current.kind === kind) return { graph: g, id: current.id };
  const numbers = (current.config as { numbers?: unknown }).numbers;
  const config = { ...defaultConfigOf(kind), ...(Array.isArray(numbers) ? { numbers } : {}) };
  const ownName = current.label && current.label !== nodeKinds[current.kind].label ? current.label : undefined;
  const swapped: FlowNode = { ...current, kind, label: ownName ?? nodeKinds[kind].label, config };
  const graph = { ...g, nodes: g.nodes.map((n) => (n.id === current.id ? swapped : n)) };
  // Every trigger has one "next" output today; should one not, its now-missing outputs' edges go.
  const outputs = new Set(handlesOf(swapped).map((h) => h.id));
  return { graph: { ...graph, edges: graph.edges.filter((e) => e.source !== current.id || outputs.has(e.sourceHandle)) }, id: current.id };
}
