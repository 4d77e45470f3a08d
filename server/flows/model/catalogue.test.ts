import * as icons from "lucide-react";
import { describe, expect, it } from "vitest";
import { catalogue, defaultConfigOf, nodeKinds, NodeKinds } from "./catalogue";
import { FlowGraph, nodeName, parseNode } from "./graph";

describe("the node catalogue", () => {
  it("lists every kind of DESIGN.md with its outputs", () => {
    expect(Object.fromEntries(catalogue.map((e) => [e.kind, e.handles.map((h) => h.id)]))).toEqual({
      "trigger.missedCall": ["next"],
      "condition.businessHours": ["open", "closed"],
      "condition.existingContact": ["yes", "no"],
      "condition.keyword": ["match", "noMatch"],
      "condition.cooldown": ["pass", "cooling"],
      "action.sendSms": ["sent", "failed"],
      "action.createLead": ["next"],
      "action.notifyStaff": ["next"],
      "action.book": ["booked", "notBooked"],
      "action.webhook": ["ok", "failed"],
      "wait.reply": ["replied", "timeout"],
      "wait.delay": ["next"],
      end: [],
    });
  });

  it.each(NodeKinds)("%s: its default config is valid", (kind) => {
    const parsed = parseNode({ id: "n", kind, position: { x: 0, y: 0 }, config: defaultConfigOf(kind) });
    expect(parsed.ok).toBe(true);
  });

  it.each(catalogue.map((e) => [e.kind, e.icon] as const))("%s: icon %s exists in lucide-react", (_kind, icon) => {
    expect(icons[icon as keyof typeof icons]).toBeDefined();
  });

  it("is plain data the browser can receive as JSON", () => {
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
  });

  it("hands out copies of default configs", () => {
    const config = defaultConfigOf("trigger.missedCall");
    (config.reasons as string[]).pop();
    expect(nodeKinds["trigger.missedCall"].defaultConfig.reasons).toHaveLength(5);
  });

  it("categories match the kind prefixes", () => {
    for (const e of catalogue) expect(e.kind.startsWith(e.category)).toBe(true);
  });
});

describe("the graph shape", () => {
  it("accepts a draft with incomplete settings (validation reports them)", () => {
    const draft = { nodes: [{ id: "a", kind: "wait.reply", position: { x: 0, y: 0 }, config: {} }], edges: [] };
    expect(FlowGraph.safeParse(draft).success).toBe(true);
  });

  it("names nodes by label, or by the kind's label", () => {
    expect(nodeName({ kind: "action.sendSms", label: "After-hours text" })).toBe("After-hours text");
    expect(nodeName({ kind: "action.sendSms", label: "  " })).toBe("Send a text");
    expect(nodeName({ kind: "wait.reply" })).toBe("Wait for reply");
  });
});
