import { describe, expect, it } from "vitest";
import { NODE_WIDTH, nodeHeight } from "@/app/_components/flow-canvas";
import { defaultConfigOf, starterFlows, type FlowGraph, type FlowNode } from "@/server/flows/model";
import { autoLayout } from "./auto-layout";

const overlap = (a: FlowNode, b: FlowNode) =>
  a.position.x < b.position.x + NODE_WIDTH && b.position.x < a.position.x + NODE_WIDTH && a.position.y < b.position.y + nodeHeight(b) && b.position.y < a.position.y + nodeHeight(a);
const at = (g: FlowGraph, id: string) => g.nodes.find((n) => n.id === id)!.position;

describe("tidy up", () => {
  it.each(starterFlows().map((s) => [s.name, s.graph] as const))("%s: no two steps overlap and every edge runs left to right", (_, graph) => {
    const laid = autoLayout(graph);
    for (const [i, a] of laid.nodes.entries()) for (const b of laid.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    for (const e of laid.edges) expect(at(laid, e.target).x).toBeGreaterThan(at(laid, e.source).x);
  });

  it("the step behind an upper handle sits above the step behind a lower one, so branches do not cross", () => {
    // The business-hours flow as a person builds it on a blank canvas (the e2e spec's order).
    const node = (id: string, kind: FlowNode["kind"], x: number, y: number): FlowNode => ({ id, kind, position: { x, y }, config: defaultConfigOf(kind) });
    const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}:${sourceHandle}`, source, sourceHandle, target });
    const built: FlowGraph = {
      nodes: [
        node("trigger", "trigger.missedCall", 0, 240),
        node("hours", "condition.businessHours", 260, 240),
        node("open-text", "action.sendSms", 520, 0),
        node("closed-text", "action.sendSms", 520, 480),
        node("call-back", "action.notifyStaff", 780, 0),
        node("wait", "wait.reply", 780, 480),
        node("replied", "action.notifyStaff", 1040, 480),
        node("done", "end", 1040, 240),
      ],
      edges: [
        edge("trigger", "next", "hours"),
        edge("hours", "open", "open-text"),
        edge("hours", "closed", "closed-text"),
        edge("open-text", "sent", "call-back"),
        edge("open-text", "failed", "call-back"),
        edge("call-back", "next", "done"),
        edge("closed-text", "sent", "wait"),
        edge("closed-text", "failed", "done"),
        edge("wait", "replied", "replied"),
        edge("wait", "timeout", "done"),
        edge("replied", "next", "done"),
      ],
    };
    const laid = autoLayout(built);
    expect(at(laid, "open-text").y).toBeLessThan(at(laid, "closed-text").y);
    expect(at(laid, "call-back").y).toBeLessThan(at(laid, "wait").y);
  });
});
