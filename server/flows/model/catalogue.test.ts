import * as icons from "lucide-react";
import { describe, expect, it } from "vitest";
import { catalogue, defaultConfigOf, handlesOf, isTrigger, nodeKinds, NodeKinds, summaryOf, TriggerEvents, triggerEventOf, TriggerKinds } from "./catalogue";
import { FlowGraph, nodeName, parseNode } from "./graph";

describe("the node catalogue", () => {
  it("lists every kind of DESIGN.md with its outputs", () => {
    expect(Object.fromEntries(catalogue.map((e) => [e.kind, e.handles.map((h) => h.id)]))).toEqual({
      "trigger.missedCall": ["next"],
      "trigger.textReceived": ["next"],
      "condition.businessHours": ["open", "closed"],
      "condition.existingContact": ["yes", "no"],
      "condition.keyword": ["match", "noMatch"],
      "condition.cooldown": ["pass", "cooling"],
      "action.sendSms": ["sent", "failed"],
      "action.createLead": ["next"],
      "action.notifyStaff": ["next"],
      "action.book": ["booked", "notBooked"],
      "action.tagContact": ["next"],
      "action.abSplit": ["a", "b", "c", "d"],
      "action.webhook": ["ok", "failed"],
      "wait.reply": ["replied", "timeout"],
      "wait.delay": ["next"],
      end: [],
    });
  });

  it("names what starts each trigger's runs, and only triggers do", () => {
    expect(TriggerKinds).toEqual(["trigger.missedCall", "trigger.textReceived"]);
    expect(Object.fromEntries(TriggerKinds.map((k) => [k, triggerEventOf(k)]))).toEqual({ "trigger.missedCall": "missedCall", "trigger.textReceived": "textReceived" });
    expect(NodeKinds.filter((k) => !isTrigger(k)).map(triggerEventOf).filter(Boolean)).toEqual([]);
    // Every start event the engine knows has a trigger kind that answers it.
    expect(new Set(TriggerKinds.map(triggerEventOf))).toEqual(new Set(TriggerEvents));
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

describe("an A/B split's outputs", () => {
  const split = (branches: unknown) => ({ kind: "action.abSplit" as const, config: { branches } });

  it("are its branches, named by the owner, or by letter", () => {
    expect(handlesOf(split([{ label: "Short text", weight: 70 }, { label: "", weight: 30 }, { label: "Emoji", weight: 1 }]))).toEqual([
      { id: "a", label: "Short text" },
      { id: "b", label: "Branch B" },
      { id: "c", label: "Emoji" },
    ]);
  });

  it("show each branch's share of runs on the canvas", () => {
    expect(summaryOf(split([{ label: "Short", weight: 3 }, { label: "Long", weight: 1 }]))).toBe("Short 75% · Long 25%");
  });

  it("are two for a draft without branches, so it can be connected while it is set up", () => {
    expect(handlesOf({ kind: "action.abSplit", config: {} }).map((h) => h.id)).toEqual(["a", "b"]);
  });
});

describe("Tag contact", () => {
  it("says on the canvas what it adds and removes", () => {
    expect(summaryOf({ kind: "action.tagContact", config: { add: ["vip", "called twice"], remove: ["new"] } })).toBe("+vip +called twice −new");
  });

  it.each([
    [{ add: [], remove: [] }, "add", "Enter a tag to add or to remove"],
    [{ add: ["vip"], remove: ["VIP"] }, "remove", '"vip" is both added and removed: keep it in one list'],
    [{ add: ["v.i.p"] }, "add.0", "Tags are words: letters, digits, spaces, - and _"],
  ])("refuses %j: %s says %s", (config, path, message) => {
    const parsed = parseNode({ id: "t", kind: "action.tagContact", position: { x: 0, y: 0 }, config });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([path, message]);
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
