import { describe, expect, it } from "vitest";
import { scheduleFor } from "../schedule/test-schedules";
import { graphOf } from "./engine/test-support";
import { SimulationScenario, simulate, type SimulationContext } from "./simulate";

const context: SimulationContext = {
  schedule: scheduleFor("America/New_York"),
  businessName: "Acme Plumbing",
  booking: { slotMinutes: 30, bufferMinutes: 0, daysAhead: 3, slotsOffered: 2, bookingUrl: null },
  appointments: [{ startsAt: "2026-01-12T14:00:00.000Z", endsAt: "2026-01-12T14:30:00.000Z" }], // Mon 9:00 EST
};

const replyFlow = graphOf(
  [
    ["trigger", "trigger.missedCall"],
    ["text", "action.sendSms", { template: "Hi {{contact.firstName|there}} 👋", immediate: true }, "Hello text"],
    ["wait", "wait.reply", { timeoutMinutes: 60 }, "Wait for reply"],
    ["echo", "action.notifyStaff", { template: "Reply: {{reply.body}}" }],
    ["done", "end"],
  ],
  [
    ["trigger", "next", "text"],
    ["text", "sent", "wait"],
    ["text", "failed", "done"],
    ["wait", "replied", "echo"],
    ["wait", "timeout", "done"],
    ["echo", "next", "done"],
  ],
);

describe("the scenario schema", () => {
  it("fills in a new caller who never replies", () => {
    expect(SimulationScenario.parse({ callAt: "2026-03-14T21:47" })).toEqual({
      callAt: "2026-03-14T21:47",
      reason: "no-answer",
      caller: { phone: "+13125550134", firstName: null, name: null },
      knownContact: false,
      tags: [],
      openLead: false,
      cooldownActive: false,
      voicemailTranscript: null,
      firstText: "Hi, do you have time to look at a leaking water heater this week?",
      replies: [],
      splitBranch: 1,
      failTexts: [],
      failWebhooks: [],
      sendSeconds: 0,
    });
  });

  it("explains a bad time or phone number", () => {
    const result = SimulationScenario.safeParse({ callAt: "Saturday night", caller: { phone: "555-0134" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["Use a time like 2026-03-14T21:47", "Use a full phone number such as +13125550134"]);
  });
});

describe("simulate", () => {
  it("reads a local call time in the client's timezone", () => {
    const r = simulate(replyFlow, { callAt: "2026-01-12T10:00" }, context);
    expect(r.steps[0]).toMatchObject({ type: "node", at: "2026-01-12T15:00:00.000Z", nodeId: "trigger", handle: "next", handleLabel: "Next" });
  });

  it("accepts an ISO instant too", () => {
    const r = simulate(replyFlow, { callAt: "2026-01-12T15:00:00Z" }, context);
    expect(r.steps[0].at).toBe("2026-01-12T15:00:00.000Z");
  });

  it("traces texts with their segments, waits with their durations, and the outcome", () => {
    const r = simulate(replyFlow, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 12, body: "Is today possible?" }] }, context);
    expect(r.steps.map((s) => s.type)).toEqual(["node", "text", "node", "wait", "node", "staff", "node", "node"]);
    const text = r.steps.find((s) => s.type === "text")!;
    expect(text).toMatchObject({ body: "Hi there 👋", status: "sent", immediate: true, purpose: "text", segments: { encoding: "UCS-2", segments: 1, forcedBy: { name: "the emoji 👋" } } });
    expect(r.steps.find((s) => s.type === "wait")).toMatchObject({ reason: "reply", minutes: 12, reply: "Is today possible?", until: "2026-01-12T16:00:00.000Z" });
    expect(r.steps.find((s) => s.type === "staff")).toMatchObject({ body: "Reply: Is today possible?" });
    expect(r.outcome).toEqual({ status: "completed", endNodeId: "done", error: null, at: "2026-01-12T15:12:00.000Z", minutes: 12 });
  });

  it("a reply after the timeout is not seen", () => {
    const r = simulate(replyFlow, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 61, body: "late" }] }, context);
    expect(r.path.map((p) => p.handle)).toEqual(["next", "sent", "timeout", null]);
  });

  it("a reply that arrived before the wait began is still seen", () => {
    const delayed = graphOf(
      [["trigger", "trigger.missedCall"], ["pause", "wait.delay", { mode: "duration", minutes: 30 }], ["wait", "wait.reply", { timeoutMinutes: 5 }], ["yes", "end"], ["no", "end"]],
      [["trigger", "next", "pause"], ["pause", "next", "wait"], ["wait", "replied", "yes"], ["wait", "timeout", "no"]],
    );
    const r = simulate(delayed, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 2, body: "hello?" }] }, context);
    expect(r.outcome.endNodeId).toBe("yes");
    expect(r.steps.filter((s) => s.type === "wait").map((s) => s.type === "wait" && s.minutes)).toEqual([30, 0]);
  });

  it("offers free slots around existing appointments and reports a slot taken", () => {
    const booking = graphOf(
      [["trigger", "trigger.missedCall"], ["book", "action.book", { template: "Pick: {{booking.slots}}" }], ["yes", "end"], ["no", "end"]],
      [["trigger", "next", "book"], ["book", "booked", "yes"], ["book", "notBooked", "no"]],
    );
    const r = simulate(booking, { callAt: "2026-01-12T08:00", booking: { pick: 1, slotTaken: true } }, context);
    expect(r.steps.find((s) => s.type === "slots")).toMatchObject({ slots: [{ label: "Mon Jan 12, 9:30 AM" }, { label: "Mon Jan 12, 10:00 AM" }] });
    expect(r.steps.find((s) => s.type === "booking")).toMatchObject({ slot: "Mon Jan 12, 9:30 AM", booked: false });
    expect(r.outcome.endNodeId).toBe("no");
    expect(r.steps.find((s) => s.type === "node" && s.nodeId === "book")).toMatchObject({ handle: "notBooked", note: "Mon Jan 12, 9:30 AM was taken before it could be booked" });
  });

  it("a second cooldown check within the window is cooling", () => {
    const twice = graphOf(
      [["trigger", "trigger.missedCall"], ["c1", "condition.cooldown", { windowMinutes: 60 }], ["w", "wait.delay", { mode: "duration", minutes: 10 }], ["c2", "condition.cooldown", { windowMinutes: 60 }], ["a", "end"], ["b", "end"]],
      [["trigger", "next", "c1"], ["c1", "pass", "w"], ["c1", "cooling", "a"], ["w", "next", "c2"], ["c2", "pass", "a"], ["c2", "cooling", "b"]],
    );
    const r = simulate(twice, { callAt: "2026-01-12T10:00" }, context);
    expect(r.steps.filter((s) => s.type === "cooldown").map((s) => s.type === "cooldown" && s.claimed)).toEqual([true, false]);
    expect(r.outcome.endNodeId).toBe("b");
  });

  it("shows a draft's problem as a failed outcome instead of throwing", () => {
    const draft = graphOf([["trigger", "trigger.missedCall"], ["hours", "condition.businessHours", {}, "Open?"]], [["trigger", "next", "hours"]]);
    const r = simulate(draft, { callAt: "2026-01-12T10:00" }, context);
    expect(r.outcome).toMatchObject({ status: "failed", error: { code: "missingConnection", message: "'Open?' has no next step for 'open'." } });
  });

  it("changes nothing it is given", () => {
    const before = JSON.stringify([replyFlow, context]);
    simulate(replyFlow, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 1, body: "hi" }] }, context);
    expect(JSON.stringify([replyFlow, context])).toBe(before);
  });

  describe("several replies, taken by successive waits", () => {
    // Ask, wait, ask again the next day (a wait of a day between), wait again.
    const twoQuestions = graphOf(
      [
        ["trigger", "trigger.missedCall"],
        ["ask", "action.sendSms", { template: "What do you need?", immediate: true }],
        ["w1", "wait.reply", { timeoutMinutes: 60 }],
        ["note1", "action.notifyStaff", { template: "First: {{reply.body}}" }],
        ["pause", "wait.delay", { mode: "duration", minutes: 24 * 60 }],
        ["ask2", "action.sendSms", { template: "Which day suits you?", immediate: true }],
        ["w2", "wait.reply", { timeoutMinutes: 120 }],
        ["note2", "action.notifyStaff", { template: "Second: {{reply.body}}" }],
        ["done", "end"],
        ["silent", "end"],
      ],
      [
        ["trigger", "next", "ask"],
        ["ask", "sent", "w1"],
        ["ask", "failed", "done"],
        ["w1", "replied", "note1"],
        ["w1", "timeout", "silent"],
        ["note1", "next", "pause"],
        ["pause", "next", "ask2"],
        ["ask2", "sent", "w2"],
        ["ask2", "failed", "done"],
        ["w2", "replied", "note2"],
        ["w2", "timeout", "silent"],
        ["note2", "next", "done"],
      ],
    );
    const waits = (r: ReturnType<typeof simulate>) => r.steps.flatMap((s) => (s.type === "wait" && s.reason === "reply" ? [[s.nodeId, s.minutes, s.reply]] : []));

    it("each reply answers the next wait, the given minutes after that wait began", () => {
      const r = simulate(twoQuestions, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 5, body: "A leaking tap", relativeTo: "wait" }, { afterMinutes: 10, body: "Tuesday", relativeTo: "wait" }] }, context);
      expect(waits(r)).toEqual([["w1", 5, "A leaking tap"], ["w2", 10, "Tuesday"]]);
      expect(r.steps.flatMap((s) => (s.type === "staff" ? [s.body] : []))).toEqual(["First: A leaking tap", "Second: Tuesday"]);
      expect(r.outcome).toMatchObject({ endNodeId: "done", minutes: 5 + 24 * 60 + 10 });
    });

    it("a reply later than its wait's timeout lets that wait time out; replies left over are never sent", () => {
      const r = simulate(twoQuestions, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 90, body: "sorry, busy", relativeTo: "wait" }, { afterMinutes: 1, body: "unused", relativeTo: "wait" }] }, context);
      expect(waits(r)).toEqual([["w1", 60, null]]);
      expect(r.outcome.endNodeId).toBe("silent");
    });

    it("replies timed from the call keep their meaning: one sent before the second question answers nothing", () => {
      const r = simulate(twoQuestions, { callAt: "2026-01-12T10:00", replies: [{ afterMinutes: 5, body: "A leaking tap" }, { afterMinutes: 10, body: "Tuesday" }] }, context);
      expect(waits(r)).toEqual([["w1", 5, "A leaking tap"], ["w2", 120, null]]);
    });
  });
});

describe("simulating Tag contact and A/B split", () => {
  /** trigger → tag vip → split (Short / Long / Emoji) → known caller tagged vip? on each branch */
  const flow = graphOf(
    [
      ["trigger", "trigger.missedCall"],
      ["tag", "action.tagContact", { add: ["vip"], remove: ["new"] }, "Tag VIP"],
      ["split", "action.abSplit", { branches: [{ label: "Short", weight: 50 }, { label: "Long", weight: 30 }, { label: "Emoji", weight: 20 }] }, "Which text?"],
      ["short", "action.sendSms", { template: "Sorry we missed you!", immediate: true }],
      ["long", "action.sendSms", { template: "Sorry we missed your call. How can we help today?", immediate: true }],
      ["emoji", "action.sendSms", { template: "📞 Missed you!", immediate: true }],
      ["check", "condition.existingContact", { requireTag: "vip" }],
      ["vip", "end"],
      ["other", "end"],
    ],
    [
      ["trigger", "next", "tag"],
      ["tag", "next", "split"],
      ["split", "a", "short"],
      ["split", "b", "long"],
      ["split", "c", "emoji"],
      ...(["short", "long", "emoji"] as const).flatMap((n) => [[n, "sent", "check"] as [string, string, string], [n, "failed", "check"] as [string, string, string]]),
      ["check", "yes", "vip"],
      ["check", "no", "other"],
    ],
  );

  it.each([
    { splitBranch: 1, text: "Sorry we missed you!", label: "Short" },
    { splitBranch: 2, text: "Sorry we missed your call. How can we help today?", label: "Long" },
    { splitBranch: 3, text: "📞 Missed you!", label: "Emoji" },
  ])("the person simulating picks branch $splitBranch and sees its text", ({ splitBranch, text, label }) => {
    const r = simulate(flow, { callAt: "2026-01-12T10:00", knownContact: true, tags: ["new"], splitBranch }, context);
    expect(r.steps.filter((s) => s.type === "text").map((s) => s.type === "text" && s.body)).toEqual([text]);
    expect(r.steps.find((s) => s.type === "node" && s.nodeId === "split")).toMatchObject({ handleLabel: label });
    expect(r.steps.find((s) => s.type === "split")).toMatchObject({ label: "Pick a branch", branch: String.fromCharCode(64 + splitBranch), note: null });
  });

  it("a branch the split does not have takes its last, and says so", () => {
    const r = simulate(flow, { callAt: "2026-01-12T10:00", splitBranch: 4 }, context);
    expect(r.steps.find((s) => s.type === "split")).toMatchObject({ branch: "C", note: "it has only 3 branches" });
  });

  it("the tags a Tag contact step leaves are what a later check sees", () => {
    const known = simulate(flow, { callAt: "2026-01-12T10:00", knownContact: true, tags: ["new"] }, context);
    expect(known.steps.find((s) => s.type === "tag")).toMatchObject({ label: "Tag contact", add: ["vip"], remove: ["new"], tags: ["vip"] });
    expect(known.outcome.endNodeId).toBe("vip");
    // "Known" means known before this call: a new caller is tagged, but is still new.
    expect(simulate(flow, { callAt: "2026-01-12T10:00" }, context).outcome.endNodeId).toBe("other");
  });
});
