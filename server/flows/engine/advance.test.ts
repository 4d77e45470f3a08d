import { describe, expect, it } from "vitest";
import { advance } from "./advance";
import { around, defaultResult, drive, facts, graphOf } from "./test-support";
import { EngineInputError, type AdvanceResult } from "./types";

/** The contract with runners: step ids, inputs, time, budget, purity and replay. */

const textThenWait = graphOf(
  [
    ["trigger", "trigger.missedCall"],
    ["text", "action.sendSms", { template: "Still there?" }, "Nudge"],
    ["wait", "wait.reply", { timeoutMinutes: 60 }, "Wait for reply"],
    ["done", "end"],
  ],
  [
    ["trigger", "next", "text"],
    ["text", "sent", "wait"],
    ["text", "failed", "done"],
    ["wait", "replied", "done"],
    ["wait", "timeout", "text"], // nudge again: a loop through a wait
  ],
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("step ids", () => {
  it("are <effect kind>:<nodeId>, with #2, #3 on revisits", () => {
    const run = drive(textThenWait, facts(), undefined, { maxVisits: 9 });
    expect(run.effects.map((e) => e.stepId)).toEqual([
      "sendSms:text",
      "waitForReply:wait",
      "sendSms:text#2",
      "waitForReply:wait#2",
      "sendSms:text#3",
      "waitForReply:wait#3",
      "sendSms:text#4",
      "waitForReply:wait#4",
    ]);
  });

  it("say whether the run is running or waiting", () => {
    const first = advance(textThenWait, null, { type: "start", facts: facts() });
    expect(first.status).toBe("running");
    const second = advance(textThenWait, first.state, { type: "result", stepId: "sendSms:text", result: { status: "sent", at: first.state.now } });
    expect(second.status).toBe("waiting");
    expect(second.effects[0].kind).toBe("waitForReply");
  });
});

describe("the step budget", () => {
  it("stops a run that keeps looping, naming the steps it went round", () => {
    const run = drive(textThenWait, facts(), undefined, { maxVisits: 20 });
    expect(run.last.status).toBe("failed");
    expect(run.last.state.error).toEqual({
      code: "budgetExceeded",
      nodeId: "wait",
      message: "Stopped after 20 steps: the flow kept going round 'Nudge' (10 times), 'Wait for reply' (10 times). Give the loop a way out, such as an end after a few tries.",
    });
  });

  it("defaults to 200 node visits", () => {
    const run = drive(textThenWait);
    expect(run.last.state.visits).toBe(201);
    expect(run.last.state.error?.code).toBe("budgetExceeded");
  });
});

describe("inputs the engine refuses", () => {
  const started = advance(textThenWait, null, { type: "start", facts: facts() });

  it("a result for a step that is not pending", () => {
    expect(() => advance(textThenWait, started.state, { type: "result", stepId: "sendSms:other", result: { status: "sent", at: started.state.now } })).toThrow(
      new EngineInputError("wrongStep", "Got a result for sendSms:other, but the run is waiting for sendSms:text."),
    );
  });

  it("a result of the wrong shape", () => {
    expect(() => advance(textThenWait, started.state, { type: "result", stepId: "sendSms:text", result: { claimed: true, at: started.state.now } })).toThrow(
      /The result for sendSms:text is not a sendSms result:\n✖ Invalid option: expected one of "sent"\|"failed"\n {2}→ at status/,
    );
  });

  it("a second start", () => {
    expect(() => advance(textThenWait, started.state, { type: "start", facts: facts() })).toThrow("This run has already started");
  });

  it("a result before the start", () => {
    expect(() => advance(textThenWait, null, { type: "result", stepId: "sendSms:text", result: { status: "sent", at: started.state.now } })).toThrow(
      "Got a result for sendSms:text, but the run has not started: start it first.",
    );
  });

  it("a result after the run ended", () => {
    const done = drive(around("action.createLead", {}, ["next"]));
    expect(() => advance(around("action.createLead", {}, ["next"]), done.last.state, { type: "result", stepId: "createLead:step", result: { leadId: "x", at: done.last.state.now } })).toThrow(
      "Got a result for createLead:step, but the run has already completed.",
    );
  });

  it("a result applied to a different flow than the run started on", () => {
    const other = around("action.sendSms", { template: "Hi" }, ["sent", "failed"]);
    expect(() => advance(other, started.state, { type: "result", stepId: "sendSms:text", result: { status: "sent", at: started.state.now } })).toThrow(
      "The run is at step 'text', which this flow does not have: continue a run on the flow version it started on.",
    );
  });

  it("start facts that are incomplete", () => {
    const { business: _b, ...rest } = facts();
    expect(() => advance(textThenWait, null, { type: "start", facts: rest as never })).toThrow(/The start facts are invalid:[\s\S]*business/);
  });
});

describe("failures end the run with a message a person can act on", () => {
  it("an effect that failed for good", () => {
    const started = advance(textThenWait, null, { type: "start", facts: facts() });
    const out = advance(textThenWait, started.state, { type: "error", stepId: "sendSms:text", message: "Twilio answered 500 five times" });
    expect(out.status).toBe("failed");
    expect(out.state.error).toEqual({ code: "effectFailed", nodeId: "text", message: "'Nudge' failed: Twilio answered 500 five times" });
  });

  it("a handle with no next step (an unpublishable draft)", () => {
    const graph = graphOf([["trigger", "trigger.missedCall"], ["hours", "condition.businessHours", {}, "After-hours check"], ["open", "end"]], [["trigger", "next", "hours"], ["hours", "open", "open"]]);
    const run = drive(graph, facts({ call: { ...facts().call, at: "2026-01-18T03:47:00.000Z" } }));
    expect(run.last.state.error).toEqual({ code: "missingConnection", nodeId: "hours", message: "'After-hours check' has no next step for 'closed'." });
  });

  it("a node with invalid settings stops the run before it starts", () => {
    const graph = around("wait.reply", { timeoutMinutes: 0 }, ["replied", "timeout"], "Wait for reply");
    const out = advance(graph, null, { type: "start", facts: facts() });
    expect(out.status).toBe("failed");
    expect(out.state.error?.message).toBe(
      "This flow cannot run: 'Wait for reply' has invalid settings: The time to wait for a reply must be at least 1 minute Fix it in the editor and publish again.",
    );
  });
});

describe("purity and replay", () => {
  it("never changes the state it is given", () => {
    const first = deepFreeze(advance(textThenWait, null, { type: "start", facts: facts() }));
    const copy = JSON.stringify(first.state);
    advance(textThenWait, first.state, { type: "result", stepId: "sendSms:text", result: { status: "sent", at: first.state.now } });
    expect(JSON.stringify(first.state)).toBe(copy);
  });

  it("rebuilds the same run from its results, also from JSON-round-tripped state", () => {
    const original = drive(textThenWait, facts(), undefined, { maxVisits: 12 });
    let out: AdvanceResult = advance(textThenWait, null, { type: "start", facts: facts() }, { maxVisits: 12 });
    for (const [i, effect] of original.effects.entries()) {
      const state = JSON.parse(JSON.stringify(out.state));
      out = advance(textThenWait, state, { type: "result", stepId: effect.stepId, result: defaultResult(effect, out.state.now, facts()) }, { maxVisits: 12 });
      expect(out).toEqual(original.outputs[i + 1]);
    }
  });

  it("moves the clock with results and never backwards", () => {
    const first = advance(textThenWait, null, { type: "start", facts: facts() });
    const out = advance(textThenWait, first.state, { type: "result", stepId: "sendSms:text", result: { status: "sent", at: "2026-01-12T15:00:00Z" } });
    expect(out.state.now).toBe("2026-01-12T16:00:00.000Z");
    const later = advance(textThenWait, out.state, { type: "result", stepId: "waitForReply:wait", result: { reply: { body: "ok", at: "2026-01-12T16:30:00-06:00" }, at: "2026-01-12T16:30:00-06:00" } });
    expect(later.state.now).toBe("2026-01-12T22:30:00.000Z");
  });
});
