import { describe, expect, it } from "vitest";
import { validate } from "../flows/engine/validate";
import { FLOW_LIMITS, FlowGraph, nodeKinds, StoredFlowGraph, type FlowNode } from "../flows/model";

// Flow drafts are bounded (FLOW_LIMITS) by the schema a save, a simulation and a publish parse,
// with a message naming the limit; what is already stored is read without the limits.
const node = (id: string, extra: Partial<FlowNode> = {}): FlowNode => ({ id, kind: "end", position: { x: 0, y: 0 }, config: {}, ...extra });
const messages = (input: unknown) => {
  const parsed = FlowGraph.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("flow draft limits", () => {
  it("refuses more steps than the limit, naming it", () => {
    const nodes = Array.from({ length: FLOW_LIMITS.steps + 1 }, (_, i) => node(`n${i}`));
    expect(messages({ nodes, edges: [] })).toEqual(["A flow can have at most 2,000 steps"]);
    expect(messages({ nodes: nodes.slice(1), edges: [] })).toEqual([]);
  });

  it("refuses more connections than the limit", () => {
    const edges = Array.from({ length: FLOW_LIMITS.edges + 1 }, (_, i) => ({ id: `e${i}`, source: "a", sourceHandle: "next", target: "b" }));
    expect(messages({ nodes: [], edges })).toEqual(["A flow can have at most 4,000 connections"]);
  });

  it("refuses settings nested 5,000 deep without overflowing the stack", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    expect(messages({ nodes: [node("n1", { config: deep })], edges: [] })).toEqual(["A step's settings nest too deeply: at most 6 levels"]);
  });

  it("refuses one step's settings over 16 KB, and a 10 MB draft", () => {
    expect(messages({ nodes: [node("n1", { config: { blob: "x".repeat(17 * 1024) } })], edges: [] })).toEqual(["A step's settings are too large: at most 16 KB"]);
    const nodes = Array.from({ length: 700 }, (_, i) => node(`n${i}`, { config: { blob: "é".repeat(7000) } }));
    expect(messages({ nodes, edges: [] })).toEqual(["The flow is too large: at most 1024 KB of steps and settings"]);
  });

  it("refuses long ids and step names", () => {
    expect(messages({ nodes: [node("x".repeat(101))], edges: [] })).toEqual(["A step id is too long: at most 100 characters"]);
    expect(messages({ nodes: [node("n1", { label: "x".repeat(81) })], edges: [] })).toEqual(["Keep step names under 80 characters"]);
  });

  it("bounds list settings: keywords and trigger numbers", () => {
    const keywords = Array.from({ length: 51 }, (_, i) => `word${i}`);
    const issues = validate({ nodes: [node("k", { kind: "condition.keyword", config: { keywords } })], edges: [] });
    expect(issues.map((i) => i.message)).toContain("'Keyword?': Look for at most 50 words or phrases.".replace("Keyword?", nodeKinds["condition.keyword"].label));
    const numbers = Array.from({ length: 51 }, (_, i) => `+1312555${String(1000 + i)}`);
    const trigger = validate({ nodes: [node("t", { kind: "trigger.missedCall", config: { numbers } })], edges: [] });
    expect(trigger.map((i) => i.message).join("\n")).toContain("A trigger can listen on at most 50 numbers");
  });

  it("reads a stored flow that no longer fits the limits (an old long step name)", () => {
    const stored = { nodes: [node("n1", { label: "x".repeat(200) })], edges: [] };
    expect(StoredFlowGraph.parse(stored).nodes[0].label).toHaveLength(200);
  });
});

describe("validation of big flows", () => {
  /** trigger → wait for reply → 1,996 keyword checks → text: the chain that was quadratic. */
  function keywordChain(size: number) {
    const nodes: FlowNode[] = [node("n0", { kind: "trigger.missedCall" }), node("n1", { kind: "wait.reply", config: { timeoutMinutes: 60 } })];
    for (let i = 2; i < size - 2; i++) nodes.push(node(`n${i}`, { kind: "condition.keyword", config: { keywords: [`w${i}`] } }));
    nodes.push(node(`n${size - 2}`, { kind: "action.sendSms", config: { template: "Thanks!" } }), node("end"));
    const edges = nodes.flatMap((n, i) => nodeKinds[n.kind].handles.map((h) => ({ id: `${n.id}-${h.id}`, source: n.id, sourceHandle: h.id, target: nodes[Math.min(i + 1, nodes.length - 1)].id })));
    return { nodes, edges };
  }

  it("validates a 2,000-step keyword chain (speed: npm run bench:engine) and still sees a keyword check before any wait", () => {
    const graph = keywordChain(FLOW_LIMITS.steps);
    expect(graph.nodes).toHaveLength(2000);
    expect(validate(graph)).toEqual([]);
    // Move the wait after the first keyword check: that check alone now looks at a reply nobody waited for.
    const [trigger, wait, first, ...rest] = graph.nodes;
    const reordered = [trigger, first, wait, ...rest];
    const edges = reordered.flatMap((n, i) => nodeKinds[n.kind].handles.map((h) => ({ id: `${n.id}-${h.id}`, source: n.id, sourceHandle: h.id, target: reordered[Math.min(i + 1, reordered.length - 1)].id })));
    const warned = validate({ nodes: reordered, edges }).filter((i) => i.code === "keyword.noReply");
    expect(warned.map((i) => i.nodeId)).toEqual([first.id]);
  });
});
