import { isTrigger } from "../model/catalogue";
import { nodeName, parseNode, StoredFlowGraph, type FlowGraph, type TypedNode } from "../model/graph";

/**
 * A graph indexed for execution: configs parsed (defaults applied), edges looked up by
 * (node, handle). Memoised per graph object, because the runner calls advance() once per completed
 * step on every Inngest replay and must not pay for parsing each time.
 */
export type CompiledFlow = {
  nodes: Map<string, TypedNode>;
  triggerId: string | null;
  /** Target node id for `${source}\u0000${handle}`. */
  next: Map<string, string>;
  /** Problems that make the graph impossible to run; empty for a publishable graph. */
  problems: string[];
};

const cache = new WeakMap<object, CompiledFlow>();

export const edgeKey = (source: string, handle: string) => `${source}\u0000${handle}`;

export function compile(graph: FlowGraph): CompiledFlow {
  const hit = cache.get(graph);
  if (hit) return hit;
  const compiled = build(graph);
  cache.set(graph, compiled);
  return compiled;
}

function build(raw: FlowGraph): CompiledFlow {
  const nodes = new Map<string, TypedNode>();
  const next = new Map<string, string>();
  const problems: string[] = [];
  const shape = StoredFlowGraph.safeParse(raw);
  if (!shape.success) return { nodes, next, triggerId: null, problems: ["The flow is not a valid graph."] };
  const graph = shape.data;

  for (const node of graph.nodes) {
    const parsed = parseNode(node);
    if (parsed.ok) nodes.set(node.id, parsed.node);
    else problems.push(`'${nodeName(node)}' has invalid settings: ${parsed.error.issues[0].message}`);
  }
  for (const edge of graph.edges) next.set(edgeKey(edge.source, edge.sourceHandle), edge.target);

  const triggers = graph.nodes.filter((n) => isTrigger(n.kind));
  if (triggers.length !== 1) problems.push(triggers.length === 0 ? "The flow has no trigger." : "The flow has more than one trigger.");
  return { nodes, next, triggerId: triggers[0]?.id ?? null, problems };
}
