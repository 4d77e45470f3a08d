import { z } from "zod";
import { NodeKinds, nodeKinds, type NodeConfig, type NodeKind } from "./catalogue";

/**
 * The flow graph as stored (Flow.draft, FlowVersion.graph) and edited. This schema checks the
 * shape only: a draft may be saved with incomplete node settings, so per-kind configs are checked
 * by validate() (which reports them per node and field) rather than here.
 */

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** One step of a flow. `label` is the owner's name for it ("After-hours text"). */
export const FlowNode = z.object({
  id: z.string().min(1, "A step needs an id"),
  kind: z.enum(NodeKinds, { error: (issue) => `Unknown kind of step: ${String(issue.input)}` }),
  position: Position,
  config: z.record(z.string(), z.unknown()).default({}),
  label: z.string().max(80, "Keep step names under 80 characters").optional(),
});
export type FlowNode = z.infer<typeof FlowNode>;

/** A connection from a node's output handle to the next node. */
export const FlowEdge = z.object({
  id: z.string().min(1, "A connection needs an id"),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
});
export type FlowEdge = z.infer<typeof FlowEdge>;

/** A whole flow: plain, serialisable data shared by the editor, the server and the engine. */
export const FlowGraph = z.object({
  nodes: z.array(FlowNode),
  edges: z.array(FlowEdge),
});
export type FlowGraph = z.infer<typeof FlowGraph>;

/** Whether two graphs are the same flow (parsed first, so key order and unknown keys do not count). */
export const sameGraph = (a: unknown, b: unknown): boolean => JSON.stringify(FlowGraph.parse(a)) === JSON.stringify(FlowGraph.parse(b));

/** A node whose config has been parsed for its kind (defaults applied). */
export type TypedNode<K extends NodeKind = NodeKind> = {
  [P in K]: { id: string; kind: P; position: { x: number; y: number }; label?: string; config: NodeConfig<P> };
}[K];

/** Parse a node's config for its kind; the zod error carries field paths. */
export function parseNode(node: FlowNode): { ok: true; node: TypedNode } | { ok: false; error: z.ZodError } {
  const parsed = nodeKinds[node.kind].config.safeParse(node.config);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, node: { ...node, config: parsed.data } as TypedNode };
}

/** What people call a node: its own label, or the kind's label ("Send a text"). */
export const nodeName = (node: Pick<FlowNode, "kind" | "label">): string => node.label?.trim() || nodeKinds[node.kind].label;
