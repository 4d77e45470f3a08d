import { describe, expect, it } from "vitest";
import { isTrigger, nodeKinds, type NodeKind } from "../model/catalogue";
import type { Effect } from "./effects";
import { around, drive, facts, graphOf, textFacts, type Responder } from "./test-support";
import type { LegacyStartFactsInput, StartFactsInput } from "./types";

/**
 * Every node kind, every handle: trigger → node → one end per handle, and we check which end the
 * run reached and which effects it asked for on the way.
 */

const saturdayNight = "2026-01-18T03:47:00.000Z"; // Sat Jan 17, 21:47 Chicago
const knownMaria = { existing: true, firstName: "Maria", name: "Maria Lopez", tags: ["VIP"], hasOpenLead: true };

type Case = {
  name: string;
  kind: NodeKind;
  config: Record<string, unknown>;
  facts?: Partial<LegacyStartFactsInput>;
  /** Start facts of another trigger than a missed call (instead of `facts`). */
  start?: StartFactsInput;
  respond?: Responder;
  handle: string;
  effects: string[];
};

const reply = (body: string, minutes = 5): Responder => (e) =>
  e.kind === "waitForReply" ? { reply: { body, at: plus(e.since, minutes) }, at: plus(e.since, minutes) } : undefined;
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const when = (kind: Effect["kind"], result: object): Responder => (e, now) => (e.kind === kind ? ({ at: now, ...result } as never) : undefined);

const fourWay = { branches: [{ label: "Short", weight: 40 }, { label: "Long", weight: 30 }, { label: "Emoji", weight: 20 }, { label: "Question", weight: 10 }] };

const cases: Case[] = [
  { name: "trigger passes a matching call on", kind: "trigger.missedCall", config: { numbers: [], reasons: ["no-answer"] }, handle: "next", effects: [] },
  { name: "trigger passes a text with a keyword on", kind: "trigger.textReceived", config: { numbers: ["+13125550100"], keywords: ["fix"] }, start: textFacts(), handle: "next", effects: [] },
  { name: "open on Monday 10:00", kind: "condition.businessHours", config: {}, handle: "open", effects: [] },
  { name: "closed on Saturday 21:47", kind: "condition.businessHours", config: {}, facts: { call: { ...facts().call, at: saturdayNight } }, handle: "closed", effects: [] },
  { name: "a new caller is not known", kind: "condition.existingContact", config: {}, handle: "no", effects: [] },
  { name: "a previous contact is known", kind: "condition.existingContact", config: {}, facts: { contact: knownMaria }, handle: "yes", effects: [] },
  { name: "the tag check ignores case", kind: "condition.existingContact", config: { requireTag: "vip" }, facts: { contact: knownMaria }, handle: "yes", effects: [] },
  { name: "a known caller without the tag is not known", kind: "condition.existingContact", config: { requireTag: "gold" }, facts: { contact: knownMaria }, handle: "no", effects: [] },
  { name: "a known caller without an open lead fails that check", kind: "condition.existingContact", config: { requireOpenLead: true }, facts: { contact: { ...knownMaria, hasOpenLead: false } }, handle: "no", effects: [] },
  { name: "a known caller with an open lead passes that check", kind: "condition.existingContact", config: { requireOpenLead: true }, facts: { contact: knownMaria }, handle: "yes", effects: [] },
  {
    name: "a keyword in the voicemail matches, any case",
    kind: "condition.keyword",
    config: { keywords: ["emergency"], source: "voicemailTranscript" },
    facts: { call: { ...facts().call, voicemailTranscript: "Water everywhere, this is an EMERGENCY!" } },
    handle: "match",
    effects: [],
  },
  {
    name: "a word that only contains the keyword does not match",
    kind: "condition.keyword",
    config: { keywords: ["leak"], source: "voicemailTranscript" },
    facts: { call: { ...facts().call, voicemailTranscript: "Please call about the leaky... no, leaking faucet" } },
    handle: "noMatch",
    effects: [],
  },
  { name: "no reply yet means no match", kind: "condition.keyword", config: { keywords: ["yes"] }, handle: "noMatch", effects: [] },
  { name: "a claimed cooldown lets the caller through", kind: "condition.cooldown", config: { windowMinutes: 60 }, handle: "pass", effects: ["claimCooldown"] },
  { name: "an unclaimed cooldown is cooling", kind: "condition.cooldown", config: { windowMinutes: 60 }, respond: when("claimCooldown", { claimed: false }), handle: "cooling", effects: ["claimCooldown"] },
  { name: "a sent text goes on by 'sent'", kind: "action.sendSms", config: { template: "Hi" }, handle: "sent", effects: ["sendSms"] },
  { name: "a failed text goes on by 'failed'", kind: "action.sendSms", config: { template: "Hi" }, respond: when("sendSms", { status: "failed", error: "21610 unsubscribed" }), handle: "failed", effects: ["sendSms"] },
  { name: "a delivered webhook goes on by 'ok'", kind: "action.webhook", config: { url: "https://hooks.example.com/a", body: "{}" }, handle: "ok", effects: ["postWebhook"] },
  { name: "a refused webhook goes on by 'failed'", kind: "action.webhook", config: { url: "https://hooks.example.com/a", body: "{}" }, respond: when("postWebhook", { status: "failed", httpStatus: 404, error: "The webhook answered 404 Not Found: check the URL" }), handle: "failed", effects: ["postWebhook"] },
  { name: "a text that renders empty fails without sending", kind: "action.sendSms", config: { template: "{{reply.body}}" }, handle: "failed", effects: [] },
  { name: "a non-immediate text in quiet hours waits for them to end", kind: "action.sendSms", config: { template: "Hi" }, facts: { call: { ...facts().call, at: saturdayNight } }, handle: "sent", effects: ["sleep", "sendSms"] },
  { name: "an immediate text in quiet hours goes now", kind: "action.sendSms", config: { template: "Hi", immediate: true }, facts: { call: { ...facts().call, at: saturdayNight } }, handle: "sent", effects: ["sendSms"] },
  { name: "create lead", kind: "action.createLead", config: {}, handle: "next", effects: ["createLead"] },
  { name: "notify staff", kind: "action.notifyStaff", config: { template: "Call {{contact.phone}}" }, handle: "next", effects: ["notifyStaff"] },
  { name: "a reply goes on by 'replied'", kind: "wait.reply", config: { timeoutMinutes: 60 }, respond: reply("yes please"), handle: "replied", effects: ["waitForReply"] },
  { name: "no reply goes on by 'timeout'", kind: "wait.reply", config: { timeoutMinutes: 60 }, handle: "timeout", effects: ["waitForReply"] },
  { name: "a delay sleeps", kind: "wait.delay", config: { mode: "duration", minutes: 30 }, handle: "next", effects: ["sleep"] },
  { name: "until-open sleeps while closed", kind: "wait.delay", config: { mode: "untilOpen" }, facts: { call: { ...facts().call, at: saturdayNight } }, handle: "next", effects: ["sleep"] },
  { name: "until-open goes straight on while open", kind: "wait.delay", config: { mode: "untilOpen" }, handle: "next", effects: [] },
  { name: "booking: offer, choice, book, confirm", kind: "action.book", config: { template: "Pick:\n{{booking.slots}}" }, respond: reply("2"), handle: "booked", effects: ["findSlots", "sendSms", "waitForReply", "bookSlot", "sendSms"] },
  { name: "booking: no answer", kind: "action.book", config: { template: "Pick:\n{{booking.slots}}" }, handle: "notBooked", effects: ["findSlots", "sendSms", "waitForReply"] },
  { name: "tag contact adds and removes tags", kind: "action.tagContact", config: { add: ["vip"], remove: ["new"] }, handle: "next", effects: ["tagContact"] },
  { name: "an A/B split takes the branch drawn for it", kind: "action.abSplit", config: fourWay, handle: "a", effects: ["pickBranch"] },
  { name: "an A/B split's second branch", kind: "action.abSplit", config: fourWay, respond: when("pickBranch", { branch: 1 }), handle: "b", effects: ["pickBranch"] },
  { name: "an A/B split's third branch", kind: "action.abSplit", config: fourWay, respond: when("pickBranch", { branch: 2 }), handle: "c", effects: ["pickBranch"] },
  { name: "an A/B split's fourth branch", kind: "action.abSplit", config: fourWay, respond: when("pickBranch", { branch: 3 }), handle: "d", effects: ["pickBranch"] },
  { name: "booking: link mode sends the link", kind: "action.book", config: { mode: "link", template: "Book here: {{booking.link}}" }, handle: "booked", effects: ["sendSms"] },
];

describe("every node kind and handle", () => {
  it.each(cases)("$kind: $name → $handle", (c) => {
    const handles = nodeKinds[c.kind].handles.map((h) => h.id);
    // The trigger is tested as the flow's own trigger; every other kind sits after one.
    const graph =
      isTrigger(c.kind)
        ? graphOf([["step", c.kind, c.config], ["end-next", "end"]], [["step", "next", "end-next"]])
        : around(c.kind, c.config, handles);
    const run = drive(graph, c.start ?? facts(c.facts), c.respond);
    expect(run.last.status).toBe("completed");
    expect(run.last.state.endNodeId).toBe(`end-${c.handle}`);
    expect(run.effects.map((e) => e.kind)).toEqual(c.effects);
  });

  it("covers every handle of every kind", () => {
    const covered = new Set(cases.map((c) => `${c.kind}:${c.handle}`));
    const missing = Object.entries(nodeKinds).flatMap(([kind, def]) => def.handles.map((h) => `${kind}:${h.id}`)).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it("an end node completes the run", () => {
    const run = drive(graphOf([["trigger", "trigger.missedCall"], ["done", "end", {}, "All done"]], [["trigger", "next", "done"]]));
    expect(run.last.status).toBe("completed");
    expect(run.trace.at(-1)).toMatchObject({ nodeId: "done", handle: null, name: "All done" });
  });

  it("a trigger that does not listen for this call ends the run without doing anything", () => {
    const graph = around("action.sendSms", { template: "Hi" }, ["sent", "failed"]);
    graph.nodes[0].config = { numbers: ["+13125550199"], reasons: ["busy"] };
    const run = drive(graph);
    expect(run.effects).toEqual([]);
    expect(run.last.state.endNodeId).toBe("trigger");
    expect(run.trace[0].note).toBe("this flow does not handle no-answer calls to +13125550100");
  });
});

describe("what the effects carry", () => {
  it("a text is rendered with fallbacks, addressed to the caller and counted", () => {
    const run = drive(around("action.sendSms", { template: "Hi {{contact.firstName|there}}, {{business.name}} here. You called at {{call.time}}." }, ["sent", "failed"]));
    expect(run.effects[0]).toEqual({
      kind: "sendSms",
      stepId: "sendSms:step",
      nodeId: "step",
      to: "+13125550134",
      body: "Hi there, Acme Plumbing here. You called at 10:00 AM.",
      immediate: false,
      purpose: "text",
      segments: 1,
    });
  });

  it("a quiet-hours deferral sleeps until 08:00 and then sends", () => {
    const run = drive(around("action.sendSms", { template: "Morning!" }, ["sent", "failed"]), facts({ call: { ...facts().call, at: saturdayNight } }));
    expect(run.effects[0]).toMatchObject({ kind: "sleep", stepId: "sleep:step", until: "2026-01-18T14:00:00.000Z", reason: "quietHours" });
    expect(run.last.state.now).toBe("2026-01-18T14:00:00.000Z");
    expect(run.trace.find((t) => t.nodeId === "step")?.note).toBe("held for quiet hours until Sun Jan 18, 8:00 AM");
  });

  it("the reply becomes {{reply.body}} for later texts", () => {
    const graph = graphOf(
      [["trigger", "trigger.missedCall"], ["wait", "wait.reply", { timeoutMinutes: 60 }], ["echo", "action.notifyStaff", { template: "They said: {{reply.body}}" }], ["done", "end"]],
      [["trigger", "next", "wait"], ["wait", "replied", "echo"], ["wait", "timeout", "done"], ["echo", "next", "done"]],
    );
    const run = drive(graph, facts(), reply("Leaking sink", 7));
    expect(run.effects[0]).toMatchObject({ kind: "waitForReply", since: "2026-01-12T16:00:00.000Z", timeoutSeconds: 3600, deadline: "2026-01-12T17:00:00.000Z" });
    expect(run.effects[1]).toMatchObject({ kind: "notifyStaff", body: "They said: Leaking sink", channels: ["sms", "inApp"] });
    expect(run.last.state.now).toBe("2026-01-12T16:07:00.000Z");
  });

  it("a keyword on the last reply matches after a wait", () => {
    const graph = graphOf(
      [["trigger", "trigger.missedCall"], ["wait", "wait.reply", { timeoutMinutes: 60 }], ["kw", "condition.keyword", { keywords: ["burst pipe", "emergency"] }], ["yes", "end"], ["no", "end"]],
      [["trigger", "next", "wait"], ["wait", "replied", "kw"], ["wait", "timeout", "no"], ["kw", "match", "yes"], ["kw", "noMatch", "no"]],
    );
    expect(drive(graph, facts(), reply("We have a BURST   pipe!!")).last.state.endNodeId).toBe("yes");
    expect(drive(graph, facts(), reply("just a quote please")).last.state.endNodeId).toBe("no");
  });

  it("until-open sleeps until the next opening, in the client's timezone", () => {
    const run = drive(around("wait.delay", { mode: "untilOpen" }, ["next"]), facts({ call: { ...facts().call, at: saturdayNight } }));
    expect(run.effects[0]).toMatchObject({ kind: "sleep", until: "2026-01-19T15:00:00.000Z", reason: "untilOpen" });
  });

  it("until-open fails clearly when the business has no hours", () => {
    const noHours = { ...facts().schedule, businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    const run = drive(around("wait.delay", { mode: "untilOpen" }, ["next"], "Wait until we open"), facts({ schedule: noHours }));
    expect(run.last.status).toBe("failed");
    expect(run.last.state.error).toEqual({
      code: "neverOpens",
      nodeId: "step",
      message: "'Wait until we open' waits until the business opens, but no business hours are set. Add opening hours in Settings.",
    });
  });

  it("a lead created in the run counts as an open lead", () => {
    const graph = graphOf(
      [["trigger", "trigger.missedCall"], ["lead", "action.createLead"], ["known", "condition.existingContact", { requireOpenLead: true }], ["yes", "end"], ["no", "end"]],
      [["trigger", "next", "lead"], ["lead", "next", "known"], ["known", "yes", "yes"], ["known", "no", "no"]],
    );
    const run = drive(graph, facts({ contact: { ...knownMaria, hasOpenLead: false } }));
    expect(run.last.state.vars.leadId).toBe("lead-1");
    expect(run.last.state.endNodeId).toBe("yes");
  });
});
