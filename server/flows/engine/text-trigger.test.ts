import { describe, expect, it } from "vitest";
import { advance } from "./advance";
import { afterText, around, drive, facts, graphOf, textFacts } from "./test-support";
import { StartFacts } from "./types";

/** "Text received": a run started by someone texting the business, and the facts every trigger shares. */

describe("a run started by a text", () => {
  it("texts the sender back, with their text and its time as variables", () => {
    const run = drive(afterText("action.sendSms", { template: "Hi {{contact.firstName|there}}! You wrote “{{trigger.message}}” at {{trigger.time}}. Call {{business.phone}}." }, ["sent", "failed"]), textFacts());
    expect(run.trace[0]).toMatchObject({ nodeId: "trigger", handle: "next", note: "text from +13125550134: “Do you fix water heaters?”" });
    expect(run.effects[0]).toMatchObject({ kind: "sendSms", to: "+13125550134", body: "Hi there! You wrote “Do you fix water heaters?” at 10:00 AM. Call (312) 555-0100." });
    expect(run.last.state.endNodeId).toBe("end-sent");
  }, 10_000);

  it("starts its clock and its reply mark at the text, so its own text is not the answer to a later wait", () => {
    const graph = afterText("wait.reply", { timeoutMinutes: 60 }, ["replied", "timeout"]);
    const run = drive(graph, textFacts(), (e) => (e.kind === "waitForReply" ? { reply: null, at: e.deadline } : undefined));
    expect(run.effects[0]).toMatchObject({ kind: "waitForReply", from: "+13125550134", since: "2026-01-12T16:00:00.000Z", deadline: "2026-01-12T17:00:00.000Z" });
    expect(run.last.state.endNodeId).toBe("end-timeout");
  });

  it("lets a keyword check right after the trigger read the text that started it", () => {
    const graph = afterText("condition.keyword", { keywords: ["water heater"] }, ["match", "noMatch"]);
    expect(drive(graph, textFacts("My WATER HEATER is leaking")).last.state.endNodeId).toBe("end-match");
    expect(drive(graph, textFacts("Need a quote for a sink")).last.state.endNodeId).toBe("end-noMatch");
  });

  it("addresses every effect about the contact to the sender", () => {
    const graph = graphOf(
      [["trigger", "trigger.textReceived"], ["cool", "condition.cooldown", { windowMinutes: 60 }], ["lead", "action.createLead"], ["tag", "action.tagContact", { add: ["texted first"] }], ["done", "end"], ["cooling", "end"]],
      [["trigger", "next", "cool"], ["cool", "pass", "lead"], ["cool", "cooling", "cooling"], ["lead", "next", "tag"], ["tag", "next", "done"]],
    );
    const run = drive(graph, textFacts("hello", { contact: { e164: "+13125550177", existing: false } }));
    expect(run.effects.map((e) => ("contact" in e ? e.contact : null))).toEqual(["+13125550177", "+13125550177", "+13125550177"]);
    // The cooldown answers "cooling" for a texter as for a caller.
    const cooling = drive(graph, textFacts(), (e, now) => (e.kind === "claimCooldown" ? { claimed: false, at: now } : undefined));
    expect(cooling.last.state.endNodeId).toBe("cooling");
  });

  it("does not start on a text without one of the trigger's keywords, or to another number", () => {
    const withTrigger = (config: Record<string, unknown>) => {
      const graph = afterText("action.sendSms", { template: "Hi" }, ["sent", "failed"]);
      graph.nodes[0].config = config;
      return graph;
    };
    const run = drive(withTrigger({ keywords: ["quote"] }), textFacts("hello there"));
    expect(run.effects).toEqual([]);
    expect(run.trace[0].note).toBe("this flow does not handle this text to +13125550100");
    expect(drive(withTrigger({ keywords: ["quote"] }), textFacts("A QUOTE please")).effects).toHaveLength(1);
    expect(drive(withTrigger({ numbers: ["+13125550199"] }), textFacts("quote please")).effects).toEqual([]);
  });

  it("a flow of one trigger given the other's start ends at its trigger without doing anything", () => {
    const call = drive(afterText("action.sendSms", { template: "Hi" }, ["sent", "failed"]), facts());
    expect(call.effects).toEqual([]);
    expect(call.trace[0].note).toBe("this flow starts from texts, not missed calls");
    const text = drive(around("action.sendSms", { template: "Hi" }, ["sent", "failed"]), textFacts());
    expect(text.effects).toEqual([]);
    expect(text.trace[0].note).toBe("this flow starts from missed calls, not texts");
  });

  it("has no call: {{call.*}} render empty (validation keeps them out of such a flow)", () => {
    const run = drive(afterText("action.sendSms", { template: "x{{call.time}}{{call.reason|none}}" }, ["sent", "failed"]), textFacts());
    expect(run.effects[0]).toMatchObject({ body: "xnone" });
  });
});

describe("start facts", () => {
  it("still read the shape sent before triggers were a family: the call is the trigger, the caller the contact", () => {
    const parsed = StartFacts.parse(facts());
    expect(parsed.trigger).toEqual({ kind: "missedCall", call: { from: "+13125550134", to: "+13125550100", reason: "no-answer", at: "2026-01-12T16:00:00.000Z", voicemailTranscript: null } });
    expect(parsed.contact).toMatchObject({ e164: "+13125550134", existing: false });
    expect(advance(around("action.sendSms", { template: "Hi" }, ["sent", "failed"]), null, { type: "start", facts: facts() }).effects[0]).toMatchObject({ to: "+13125550134" });
  });

  it("explain a start without a contact number", () => {
    const { contact, ...rest } = textFacts() as Extract<ReturnType<typeof textFacts>, { trigger: unknown }>;
    const broken = { ...rest, contact: { ...contact, e164: undefined } };
    expect(() => advance(around("end", {}, []), null, { type: "start", facts: broken as never })).toThrow(/contact\.e164/);
  });
});
