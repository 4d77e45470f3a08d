import { describe, expect, it } from "vitest";
import { NODE_WIDTH, nodeHeight } from "@/app/_components/flow-canvas";
import { starterFlow, type FlowGraph, type FlowNode } from "@/server/flows/model";
import { addNode, connect, freeSpot, offsetCopy, paste, reconnect, removeNodes, subgraph } from "./graph-edits";

const flow = (): FlowGraph => starterFlow("business-hours").graph;
const edgeFrom = (g: FlowGraph, source: string, handle: string) => g.edges.filter((e) => e.source === source && e.sourceHandle === handle);

describe("graph edits", () => {
  it("connecting a handle again replaces its old edge, so each handle leads to one step", () => {
    const g = connect(flow(), "open-now", "open", "done");
    expect(edgeFrom(g, "open-now", "open")).toEqual([{ id: "open-now:open", source: "open-now", sourceHandle: "open", target: "done" }]);
    expect(g.edges).toHaveLength(flow().edges.length);
  });

  it("a step cannot be connected to itself", () => {
    const g = flow();
    expect(connect(g, "open-now", "open", "open-now")).toBe(g);
  });

  it("reconnecting moves the dragged edge to its new handle and replaces whatever that handle led to", () => {
    // after-hours text: "failed" → done is moved to leave from "sent", where "wait-until-open" was.
    const g = reconnect(flow(), "after-hours-text:failed", "after-hours-text", "sent", "done");
    expect(edgeFrom(g, "after-hours-text", "failed")).toEqual([]);
    expect(edgeFrom(g, "after-hours-text", "sent")).toEqual([{ id: "after-hours-text:sent", source: "after-hours-text", sourceHandle: "sent", target: "done" }]);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it("copying a selection keeps the edges between the copied steps, never the trigger, and pastes new ids", () => {
    const copied = subgraph(flow(), new Set(["trigger", "after-hours-text", "wait-until-open", "opening-follow-up"]));
    expect(copied.nodes.map((n) => n.id)).toEqual(["after-hours-text", "wait-until-open", "opening-follow-up"]);
    expect(copied.edges.map((e) => e.id)).toEqual(["after-hours-text:sent", "wait-until-open:next"]);

    const pasted = offsetCopy(copied);
    const ids = new Map(copied.nodes.map((n, i) => [n.id, pasted.nodes[i].id]));
    expect(pasted.nodes.every((n) => !flow().nodes.some((o) => o.id === n.id))).toBe(true);
    expect(pasted.nodes[0].position).toEqual({ x: copied.nodes[0].position.x + 40, y: copied.nodes[0].position.y + 40 });
    expect(pasted.edges).toEqual([
      { id: `${ids.get("after-hours-text")}:sent`, source: ids.get("after-hours-text"), sourceHandle: "sent", target: ids.get("wait-until-open") },
      { id: `${ids.get("wait-until-open")}:next`, source: ids.get("wait-until-open"), sourceHandle: "next", target: ids.get("opening-follow-up") },
    ]);
    const after = paste(flow(), pasted);
    expect(after.graph.nodes).toHaveLength(flow().nodes.length + 3);
    expect(after.graph.nodes.find((n) => n.id === ids.get("after-hours-text"))?.config).toEqual(flow().nodes.find((n) => n.id === "after-hours-text")?.config);
    // Pasted clear of every step: no pasted node covers an existing one.
    const covers = (a: FlowNode, b: FlowNode) =>
      a.position.x < b.position.x + NODE_WIDTH && b.position.x < a.position.x + NODE_WIDTH && a.position.y < b.position.y + nodeHeight(b) && b.position.y < a.position.y + nodeHeight(a);
    for (const p of after.pasted.nodes) for (const n of flow().nodes) expect(covers(p, n), `${p.id} covers ${n.id}`).toBe(false);
  });

  it("deleting steps removes their edges but never the trigger", () => {
    const g = removeNodes(flow(), new Set(["trigger", "open-now"]));
    expect(g.nodes.some((n) => n.id === "trigger")).toBe(true);
    expect(g.nodes.some((n) => n.id === "open-now")).toBe(false);
    expect(g.edges.some((e) => e.source === "open-now" || e.target === "open-now")).toBe(false);
  });

  it("a new step dropped on top of another moves down until it covers nothing", () => {
    const g = flow();
    const trigger = g.nodes.find((n) => n.id === "trigger")!;
    const spot = freeSpot(g, "end", trigger.position);
    expect(spot.x).toBe(trigger.position.x);
    expect(spot.y).toBeGreaterThan(trigger.position.y);
    const added = addNode(g, "end", trigger.position, "end-new");
    expect(added.nodes.at(-1)).toMatchObject({ id: "end-new", kind: "end", position: spot });
  });

  it("a step dropped in empty space stays where it was dropped, on the grid", () => {
    expect(freeSpot(flow(), "end", { x: 5013, y: -2987 })).toEqual({ x: 5020, y: -2980 });
  });
});
