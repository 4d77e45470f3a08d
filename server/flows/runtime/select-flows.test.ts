import { describe, expect, it } from "vitest";
import { CallReasons } from "../model";
import { overlappingFlows, selectFlowForCall, selectFlowForText, triggersOverlap, type LiveFlow } from "./select-flows";

const all = [...CallReasons];
const flow = (id: string, priority: number, numbers: string[] = [], reasons: (typeof CallReasons)[number][] = all, createdAt = new Date("2026-01-01")): LiveFlow => ({
  id,
  name: id,
  priority,
  createdAt,
  trigger: { numbers, reasons },
});
const main = "+13125550100";
const other = "+13125550111";

describe("which live flow answers a missed call", () => {
  it("two live flows on all numbers: only the first in the owner's order runs", () => {
    const flows = [flow("business-hours", 2), flow("follow-up", 1)];
    expect(selectFlowForCall(flows, { to: main, reason: "no-answer" })?.id).toBe("follow-up");
  });

  it("moving a flow up the order makes it the one that runs", () => {
    const flows = [flow("business-hours", 1), flow("follow-up", 2)];
    expect(selectFlowForCall(flows, { to: main, reason: "no-answer" })?.id).toBe("business-hours");
  });

  it("a first flow that does not listen on the called number, or for that reason, is passed over", () => {
    const flows = [flow("other-line", 1, [other]), flow("busy-only", 2, [], ["busy"]), flow("catch-all", 3)];
    expect(selectFlowForCall(flows, { to: main, reason: "no-answer" })?.id).toBe("catch-all");
    expect(selectFlowForCall(flows, { to: main, reason: "busy" })?.id).toBe("busy-only");
    expect(selectFlowForCall(flows, { to: other, reason: "voicemail" })?.id).toBe("other-line");
  });

  it("no live flow listening: nothing runs", () => {
    expect(selectFlowForCall([flow("other-line", 1, [other])], { to: main, reason: "no-answer" })).toBeNull();
    expect(selectFlowForCall([], { to: main, reason: "no-answer" })).toBeNull();
  });

  it("equal priorities: the older flow runs, then the smaller id, the same on every machine", () => {
    const older = flow("b", 0, [], all, new Date("2026-01-01"));
    const newer = flow("a", 0, [], all, new Date("2026-02-01"));
    expect(selectFlowForCall([newer, older], { to: main, reason: "busy" })?.id).toBe("b");
    expect(selectFlowForCall([flow("z", 0), flow("y", 0)], { to: main, reason: "busy" })?.id).toBe("y");
  });
});

describe("flows that overlap", () => {
  it("overlap when some call matches both: a shared number (none means all) and a shared reason", () => {
    expect(triggersOverlap(flow("a", 1).trigger, flow("b", 2, [other]).trigger)).toBe(true);
    expect(triggersOverlap(flow("a", 1, [main]).trigger, flow("b", 2, [other]).trigger)).toBe(false);
    expect(triggersOverlap(flow("a", 1, [], ["busy"]).trigger, flow("b", 2, [], ["no-answer", "voicemail"]).trigger)).toBe(false);
    expect(triggersOverlap(flow("a", 1, [main, other], ["busy"]).trigger, flow("b", 2, [other], ["busy"]).trigger)).toBe(true);
  });

  it("lists the other overlapping flows in run order, never the flow itself", () => {
    const me = flow("me", 3);
    const others = [flow("later", 4), me, flow("elsewhere", 1, [other], ["busy"]), flow("first", 2)];
    expect(overlappingFlows(me, others).map((f) => f.id)).toEqual(["elsewhere", "first", "later"]);
    expect(overlappingFlows(flow("me", 3, [main]), others).map((f) => f.id)).toEqual(["first", "later"]);
  });
});

describe("'Text received' flows", () => {
  const texting = (id: string, priority: number, numbers: string[] = [], keywords: string[] = []): LiveFlow => ({
    id,
    name: id,
    priority,
    createdAt: new Date("2026-01-01"),
    trigger: { kind: "trigger.textReceived", numbers, keywords },
  });

  it("a text runs the first text flow that takes it (number, keywords), never a missed-call flow", () => {
    const flows = [flow("call", 1), texting("quotes", 2, [], ["quote"]), texting("any", 3), texting("elsewhere", 0, [other])];
    expect(selectFlowForText(flows, { to: main, body: "Can I get a QUOTE?" })?.id).toBe("quotes");
    expect(selectFlowForText(flows, { to: main, body: "hello" })?.id).toBe("any");
    expect(selectFlowForText([flow("call", 1)], { to: main, body: "hello" })).toBeNull();
    // …and a call never runs a text flow.
    expect(selectFlowForCall([texting("any", 1)], { to: main, reason: "no-answer" })).toBeNull();
  });

  it("a text flow overlaps only another text flow that some text would start too", () => {
    expect(triggersOverlap(texting("a", 1).trigger, flow("b", 2).trigger)).toBe(false);
    expect(triggersOverlap(texting("a", 1).trigger, texting("b", 2, [], ["quote"]).trigger)).toBe(true);
    expect(triggersOverlap(texting("a", 1, [], ["quote"]).trigger, texting("b", 2, [], ["Quote"]).trigger)).toBe(true);
    expect(triggersOverlap(texting("a", 1, [], ["quote"]).trigger, texting("b", 2, [], ["emergency"]).trigger)).toBe(false);
    expect(triggersOverlap(texting("a", 1, [main]).trigger, texting("b", 2, [other]).trigger)).toBe(false);
  });
});
