import { describe, expect, it } from "vitest";
import { compileExpression, evaluateExpression, matchesExpression } from "./expressions";

const event = { name: "call/missed", data: { from: "+15550001", to: "+15559999", count: 2, score: 1.5 } };

describe("CEL expressions", () => {
  it("matches a waiting run's event against the incoming one", () => {
    const expression = "async.data.from == event.data.from && async.data.to == event.data.to";
    expect(matchesExpression(expression, { event, async: { name: "sms/received", data: { from: "+15550001", to: "+15559999" } } })).toEqual({ matched: true });
    expect(matchesExpression(expression, { event, async: { name: "sms/received", data: { from: "+15550002", to: "+15559999" } } })).toEqual({ matched: false });
  });

  it("does integer arithmetic on whole JSON numbers and compares them with doubles", () => {
    expect(evaluateExpression("event.data.count + 1", { event })).toBe(3);
    expect(evaluateExpression("event.data.score > 1", { event })).toBe(true);
    expect(evaluateExpression("event.data.count == 2.0", { event })).toBe(true);
  });

  it("treats a missing field as no match and says why", () => {
    const result = matchesExpression("async.data.missing == 'x'", { event, async: { data: {} } });
    expect(result.matched).toBe(false);
    expect(result.error).toContain("missing");
  });

  it("refuses text that is not CEL with the expression in the message", () => {
    expect(() => compileExpression("event.data.from ==")).toThrow(/invalid CEL expression "event.data.from =="/);
  });
});
