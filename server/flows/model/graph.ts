import { z } from "zod";
import { NodeKinds, nodeKinds, type NodeConfig, type NodeKind } from "./catalogue";
import { FLOW_LIMITS, jsonLargerThan, nestsDeeperThan } from "./limits";

/**
 * The flow graph as stored (Flow.draft, FlowVersion.graph) and edited. This schema checks the
 * shape only: a draft may be saved with incomplete node settings, so per-kind configs are checked
 * by validate() (which reports them per node and field) rather than here.
 */

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

const L = FLOW_LIMITS;
const kilobytes = (bytes: number) => `${bytes / 1024} KB`;
const id = (what: string, strict: boolean) => {
  const base = z.string().min(1, `${what} needs an id`);
  return strict ? base.max(L.idChars, `${what} id is too long: at most ${L.idChars} characters`) : base;
};
const config = (strict: boolean) => {
  const base = z.record(z.string(), z.unknown());
  if (!strict) return base.default({});
  return base
    .superRefine((value, ctx) => {
      // Depth first: it bounds the work of measuring the size.
      if (nestsDeeperThan(value, L.configDepth)) ctx.addIssue({ code: "custom", message: `A step's settings nest too deeply: at most ${L.configDepth} levels` });
      else if (jsonLargerThan(value, L.configBytes)) ctx.addIssue({ code: "custom", message: `A step's settings are too large: at most ${kilobytes(L.configBytes)}` });
    })
    .default({});
};

function graphSchemas(strict: boolean) {
  const node = z.object({
    id: id("A step", strict),
    kind: z.enum(NodeKinds, { error: (issue) => `Unknown kind of step: ${String(issue.input)}` }),
    position: Position,
    config: config(strict),
    label: (strict ? z.string().max(L.labelChars, `Keep step names under ${L.labelChars} characters`) : z.string()).optional(),
  });
  const edge = z.object({
    id: id("A connection", strict),
    source: strict ? z.string().min(1).max(L.idChars) : z.string().min(1),
    sourceHandle: strict ? z.string().min(1).max(L.idChars) : z.string().min(1),
    target: strict ? z.string().min(1).max(L.idChars) : z.string().min(1),
  });
  const graph = z.object({
    nodes: strict ? z.array(node).max(L.steps, `A flow can have at most ${L.steps.toLocaleString("en-US")} steps`) : z.array(node),
    edges: strict ? z.array(edge).max(L.edges, `A flow can have at most ${L.edges.toLocaleString("en-US")} connections`) : z.array(edge),
  });
  const bounded = strict
    ? graph.superRefine((value, ctx) => {
        // graph → nodes → node → config: a step nesting too deeply is reported there, and must not be stringified.
        if (nestsDeeperThan(value, L.configDepth + 3)) return;
        if (jsonLargerThan(value, L.draftBytes)) ctx.addIssue({ code: "custom", message: `The flow is too large: at most ${kilobytes(L.draftBytes)} of steps and settings` });
      })
    : graph;
  return { node, edge, graph: bounded };
}

const strictSchemas = graphSchemas(true);
const storedSchemas = graphSchemas(false);

/** One step of a flow. `label` is the owner's name for it ("After-hours text"). */
export const FlowNode = strictSchemas.node;
export type FlowNode = z.infer<typeof FlowNode>;

/** A connection from a node's output handle to the next node. */
export const FlowEdge = strictSchemas.edge;
export type FlowEdge = z.infer<typeof FlowEdge>;

/**
 * A whole flow: plain, serialisable data shared by the editor, the server and the engine.
 * Within FLOW_LIMITS: use it for everything a person sends (save, simulate, publish).
 */
export const FlowGraph = strictSchemas.graph;
export type FlowGraph = z.infer<typeof FlowGraph>;

/**
 * A flow as stored: the same shape without FLOW_LIMITS, for reading Flow.draftGraph and
 * FlowVersion.graph, so data saved before a limit was introduced (or lowered) still opens and runs.
 */
export const StoredFlowGraph: z.ZodType<FlowGraph, unknown> = storedSchemas.graph;

/** Whether two graphs are the same flow (parsed first, so key order and unknown keys do not count). */
export const sameGraph = (a: unknown, b: unknown): boolean => JSON.stringify(StoredFlowGraph.parse(a)) === JSON.stringify(StoredFlowGraph.parse(b));

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
