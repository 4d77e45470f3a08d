import { describe, expect, it } from "vitest";
import { simulate } from "../simulate";
import type { Effect } from "./effects";
import { countsAsReply, firstReply } from "./reply-rule";
import { chicago, drive, facts, graphOf, pathOf, type EdgeSpec, type NodeSpec, type Responder } from "./test-support";

const callAt = "2026-01-12T16:00:00.000Z"; // Monday 10:00 in Chicago
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** trigger → ask → [delay →] wait for reply → end per handle. */
function question(withDelayMinutes?: number) {
  const delay: NodeSpec[] = withDelayMinutes ? [["delay", "wait.delay", { mode: "duration", minutes: withDelayMinutes }]] : [];
  return graphOf(
    [
      ["trigger", "trigger.missedCall"],
      ["ask", "action.sendSms", { template: "What do you need?" }],
      ...delay,
      ["wait", "wait.reply", { timeoutMinutes: 60 }],
      ["end-replied", "end"],
      ["end-timeout", "end"],
      ["end-failed", "end"],
    ],
    [
      ["trigger", "next", "ask"],
      ["ask", "sent", withDelayMinutes ? "delay" : "wait"],
      ["ask", "failed", "end-failed"],
      ...(withDelayMinutes ? [["delay", "next", "wait"] satisfies EdgeSpec] : []),
      ["wait", "replied", "end-replied"],
      ["wait", "timeout", "end-timeout"],
    ],
  );
}

/** Sends take `sendSeconds`; the caller's texts are answered by the reply rule from `texts`. */
const world = (texts: { at: string; body: string }[], sendSeconds = 3): Responder => (e: Effect, now) => {
  if (e.kind === "sendSms") return { status: "sent", messageId: "m", at: plus(now, sendSeconds) };
  if (e.kind === "waitForReply") {
    const reply = firstReply(texts, e);
    return { reply, at: reply ? plus(reply.at, 0) : e.deadline };
  }
  return undefined;
};

describe("which text answers a wait", () => {
  it("a text that lands while the question is still being sent is its answer", () => {
    // The send was asked for at 16:00:00 and confirmed by Twilio at 16:00:03; the caller answered at 16:00:02.
    const run = drive(question(), facts(), world([{ at: plus(callAt, 2), body: "leaky tap" }]));
    const wait = run.effects.find((e) => e.kind === "waitForReply")!;
    expect(wait).toMatchObject({ since: callAt });
    expect(pathOf(run)).toBe("trigger:next ask:sent wait:replied end-replied:-");
  });

  it("a text that lands during a Wait between the question and 'Wait for reply' is its answer", () => {
    const run = drive(question(10), facts(), world([{ at: plus(callAt, 5 * 60), body: "leaky tap" }]));
    expect(run.effects.find((e) => e.kind === "waitForReply")).toMatchObject({ since: callAt });
    expect(pathOf(run)).toBe("trigger:next ask:sent delay:next wait:replied end-replied:-");
  });

  it("each reply answers one question: the next wait counts only texts after the one taken", () => {
    const graph = graphOf(
      [
        ["trigger", "trigger.missedCall"],
        ["ask", "action.sendSms", { template: "What do you need?" }],
        ["first", "wait.reply", { timeoutMinutes: 60 }],
        ["second", "wait.reply", { timeoutMinutes: 60 }],
        ["end-both", "end"],
        ["end-one", "end"],
        ["end-none", "end"],
      ],
      [
        ["trigger", "next", "ask"],
        ["ask", "sent", "first"],
        ["ask", "failed", "end-none"],
        ["first", "replied", "second"],
        ["first", "timeout", "end-none"],
        ["second", "replied", "end-both"],
        ["second", "timeout", "end-one"],
      ],
    );
    const one = drive(graph, facts(), world([{ at: plus(callAt, 60), body: "a leak" }]));
    expect(pathOf(one)).toBe("trigger:next ask:sent first:replied second:timeout end-one:-");
    expect(one.effects.filter((e) => e.kind === "waitForReply")[1]).toMatchObject({ since: plus(callAt, 60) });
    const two = drive(graph, facts(), world([{ at: plus(callAt, 60), body: "a leak" }, { at: plus(callAt, 61), body: "in the basement" }]));
    expect(pathOf(two)).toBe("trigger:next ask:sent first:replied second:replied end-both:-");
  });

  it("a text sent before the run's latest text to the caller does not answer the question after it", () => {
    // ask → delay 10 min → second text → wait: a text during the delay answered the first question.
    const graph = graphOf(
      [
        ["trigger", "trigger.missedCall"],
        ["ask", "action.sendSms", { template: "What do you need?" }],
        ["delay", "wait.delay", { mode: "duration", minutes: 10 }],
        ["again", "action.sendSms", { template: "Still there? Reply YES" }],
        ["wait", "wait.reply", { timeoutMinutes: 60 }],
        ["end-replied", "end"],
        ["end-timeout", "end"],
      ],
      [
        ["trigger", "next", "ask"],
        ["ask", "sent", "delay"],
        ["ask", "failed", "end-timeout"],
        ["delay", "next", "again"],
        ["again", "sent", "wait"],
        ["again", "failed", "end-timeout"],
        ["wait", "replied", "end-replied"],
        ["wait", "timeout", "end-timeout"],
      ],
    );
    const run = drive(graph, facts(), world([{ at: plus(callAt, 60), body: "hello?" }]));
    expect(pathOf(run)).toMatch(/wait:timeout end-timeout:-$/);
  });

  it("the window is after `since` and up to the deadline, and the earliest text in it wins", () => {
    const window = { since: callAt, deadline: plus(callAt, 60) };
    expect(countsAsReply(callAt, window)).toBe(false);
    expect(countsAsReply(plus(callAt, 60), window)).toBe(true);
    expect(countsAsReply(plus(callAt, 61), window)).toBe(false);
    expect(firstReply([{ at: plus(callAt, 30) }, { at: plus(callAt, 10) }, { at: plus(callAt, -5) }], window)).toEqual({ at: plus(callAt, 10) });
  });

  it("the simulator follows the same rule: a reply during a Wait before 'Wait for reply' is heard, one sent before the question is not", () => {
    const context = { schedule: chicago, businessName: "Acme Plumbing" };
    const during = simulate(question(10), { callAt, replies: [{ afterMinutes: 5, body: "leaky tap" }] }, context);
    expect(during.path.at(-1)?.nodeId).toBe("end-replied");
    // The same flow with the question after the delay: a text during the delay came before it.
    const late = graphOf(
      [
        ["trigger", "trigger.missedCall"],
        ["delay", "wait.delay", { mode: "duration", minutes: 10 }],
        ["ask", "action.sendSms", { template: "What do you need?" }],
        ["wait", "wait.reply", { timeoutMinutes: 60 }],
        ["end-replied", "end"],
        ["end-timeout", "end"],
      ],
      [
        ["trigger", "next", "delay"],
        ["delay", "next", "ask"],
        ["ask", "sent", "wait"],
        ["ask", "failed", "end-timeout"],
        ["wait", "replied", "end-replied"],
        ["wait", "timeout", "end-timeout"],
      ],
    );
    const before = simulate(late, { callAt, replies: [{ afterMinutes: 5, body: "hello?" }] }, context);
    expect(before.path.at(-1)?.nodeId).toBe("end-timeout");
  });
});
