import type { Edge } from "@xyflow/react";
import { handlesOf, isTrigger, nodeName, type FlowGraph } from "@/server/flows/model";
import type { CanvasNode } from "./flow-node";

/** What the canvas shows on top of the graph; every part is optional. */
export interface CanvasView {
  selected?: ReadonlySet<string>;
  /** Error count per node id, shown as a badge. */
  issues?: ReadonlyMap<string, number>;
  /** Node ids on the simulated or recorded path. */
  path?: ReadonlySet<string>;
  /** `<nodeId>:<handle>` of every edge taken. */
  pathEdges?: ReadonlySet<string>;
  /** The node a run is waiting at. */
  current?: string | null;
  /** Fade what the path did not touch, so the path reads at a glance (run history). */
  dimOffPath?: boolean;
}

/** Every step is drawn this wide; its height grows with its outputs (one labelled row each). */
export const NODE_WIDTH = 240;
export const nodeHeight = (node: Parameters<typeof handlesOf>[0]) => 80 + handlesOf(node).length * 24;

/** A path as the engine and run history record it, turned into what the canvas lights up. */
export function pathView(steps: readonly { nodeId: string; handle: string | null }[]): Pick<CanvasView, "path" | "pathEdges"> {
  return {
    path: new Set(steps.map((s) => s.nodeId)),
    pathEdges: new Set(steps.filter((s) => s.handle).map((s) => `${s.nodeId}:${s.handle}`)),
  };
}

const PATH_COLOUR = "#10b981";

/**
 * The canvas is a projection of the zod FlowGraph (the one source of truth): nodes and edges are
 * derived from it on every change, and canvas events are turned back into graph edits.
 */
export function toCanvas(graph: FlowGraph, view: CanvasView = {}): { nodes: CanvasNode[]; edges: Edge[] } {
  const dim = (on: boolean) => !!view.dimOffPath && !on;
  const nodes: CanvasNode[] = graph.nodes.map((n) =>
    reuse(nodeCache, n, {
      id: n.id,
      type: "flow",
      position: n.position,
      // A flow has exactly one trigger: it cannot be deleted from the canvas.
      deletable: !isTrigger(n.kind),
      // Known before React Flow measures the node, so the minimap and fit-view have it at once.
      initialWidth: NODE_WIDTH,
      initialHeight: nodeHeight(n),
      selected: view.selected?.has(n.id) ?? false,
      data: {
        node: n,
        issueCount: view.issues?.get(n.id) ?? 0,
        onPath: view.path?.has(n.id) ?? false,
        current: view.current === n.id,
        dimmed: dim((view.path?.has(n.id) ?? false) || view.current === n.id),
      },
    }),
  );
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges: Edge[] = graph.edges.map((e) => {
    const [from, to] = [byId.get(e.source), byId.get(e.target)];
    const handle = from && handlesOf(from).find((h) => h.id === e.sourceHandle);
    const onPath = view.pathEdges?.has(`${e.source}:${e.sourceHandle}`) ?? false;
    return reuse(edgeCache, e, {
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      selected: view.selected?.has(e.id) ?? false,
      ariaLabel: `${from ? nodeName(from) : e.source}${handle && handle.id !== "next" ? `: ${handle.label}` : ""} → ${to ? nodeName(to) : e.target}`,
      animated: onPath,
      className: onPath ? "on-path" : undefined,
      style: onPath ? { stroke: PATH_COLOUR, strokeWidth: 3 } : dim(false) ? { stroke: "#cbd5e1", strokeWidth: 1.5 } : { strokeWidth: 2 },
      // A wide invisible stroke makes an edge easy to click and its ends easy to grab.
      interactionWidth: 24,
    });
  });
  return { nodes, edges };
}

/*
 * Last projection of each model node and edge. Dragging one step in a 300-step flow makes a new
 * graph on every frame; handing React Flow the same objects for everything else lets it (and the
 * memoised node component) skip them, instead of re-rendering every step per frame.
 */
const nodeCache = new WeakMap<object, CanvasNode>();
const edgeCache = new WeakMap<object, Edge>();

function reuse<T extends CanvasNode | Edge>(cache: WeakMap<object, T>, model: object, next: T): T {
  const previous = cache.get(model);
  if (previous && sameShallow(previous, next)) return previous;
  cache.set(model, next);
  return next;
}

/** Equal field by field, one level into `data` and `style` (the only nested parts). */
function sameShallow(a: object, b: object): boolean {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) {
    if (x[k] === y[k]) continue;
    if ((k === "data" || k === "style") && x[k] && y[k] && sameFlat(x[k] as object, y[k] as object)) continue;
    return false;
  }
  return true;
}

function sameFlat(a: object, b: object): boolean {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}
