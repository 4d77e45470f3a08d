import { describe, expect, it } from "vitest";
import { starterFlow } from "@/server/flows/model";
import { pathView, toCanvas } from "./projection";

describe("canvas projection", () => {
  it("hands back the same node and edge objects for what did not change, and new ones for what did", () => {
    const graph = starterFlow("business-hours").graph;
    const first = toCanvas(graph);
    const moved = { ...graph, nodes: graph.nodes.map((n) => (n.id === "open-now" ? { ...n, position: { x: 1, y: 2 } } : n)) };
    const second = toCanvas(moved);
    for (const [i, n] of second.nodes.entries()) expect(n === first.nodes[i], n.id).toBe(n.id !== "open-now");
    expect(second.nodes.find((n) => n.id === "open-now")?.position).toEqual({ x: 1, y: 2 });
    expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
  });

  it("lights the path's nodes and edges, and fades the rest only when asked", () => {
    const graph = starterFlow("business-hours").graph;
    const path = [
      { nodeId: "trigger", handle: "next" },
      { nodeId: "open-now", handle: "closed" },
    ];
    const lit = toCanvas(graph, { ...pathView(path), dimOffPath: true, current: "after-hours-text" });
    const node = (id: string) => lit.nodes.find((n) => n.id === id)!.data;
    expect(node("open-now")).toMatchObject({ onPath: true, dimmed: false });
    expect(node("after-hours-text")).toMatchObject({ onPath: false, current: true, dimmed: false });
    expect(node("call-back-text")).toMatchObject({ onPath: false, dimmed: true });
    expect(lit.edges.filter((e) => e.className === "on-path").map((e) => e.id)).toEqual(["trigger:next", "open-now:closed"]);
    expect(lit.edges.find((e) => e.id === "open-now:closed")?.ariaLabel).toBe("Open now?: Closed → After-hours text");
    expect(toCanvas(graph, pathView(path)).nodes.some((n) => n.data.dimmed)).toBe(false);
  });
});
