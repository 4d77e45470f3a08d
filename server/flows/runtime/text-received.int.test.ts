import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";
import type { FlowGraph } from "../model/graph";

// "Text received" through the app's real SMS webhook, Inngest functions and the local engine, to
// the texts the fake Twilio's phones receive: a text starts a run, a reply to a waiting run never
// starts another, STOP and revocations start nothing, and a redelivered webhook starts nothing twice.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

type FakeMessage = { sid: string; to: string; from: string; body: string; direction: string };
const phoneOf = async (number: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(number)}`)).messages;
const textsTo = async (to: string) => (await phoneOf(to)).filter((m) => m.direction === "outbound-api").map((m) => m.body);
const call = (from: string) => h.fake("/_fake/calls", { from, to: business, outcome: "no-answer" });
const text = (from: string, body: string) => h.fake<{ sid: string; status: number; reply: string | null }>("/_fake/sms", { from, to: business, body });
const runsOf = (contact: string) => db.flowRun.findMany({ where: { clientId, callerNumber: contact }, orderBy: { startedAt: "asc" }, include: { steps: { orderBy: { startedAt: "asc" } } } });
const explainRuns = async () => JSON.stringify(await h.control("/control/runs"), null, 1).slice(0, 4000);
/** Long enough for a run the text would have started to show up (the engine is local and quick). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

const REPLY = "Thanks for your text! We got “{{trigger.message}}” and will call you shortly. Anything else? - {{business.name}}";
const CALL_TEXT = "Sorry we missed your call! Reply here and we'll help.";

/** Text received → Send a text → Wait for reply (1 h) → end. */
const textFlow: FlowGraph = {
  nodes: [
    { id: "trigger", kind: "trigger.textReceived", position: { x: 0, y: 0 }, config: { numbers: [], keywords: [] } },
    { id: "greet", kind: "action.sendSms", position: { x: 300, y: 0 }, config: { template: REPLY, immediate: true } },
    { id: "wait", kind: "wait.reply", position: { x: 600, y: 0 }, config: { timeoutMinutes: 60 } },
    { id: "done", kind: "end", position: { x: 900, y: 0 }, config: {} },
  ],
  edges: [
    { id: "e1", source: "trigger", sourceHandle: "next", target: "greet" },
    { id: "e2", source: "greet", sourceHandle: "sent", target: "wait" },
    { id: "e3", source: "greet", sourceHandle: "failed", target: "done" },
    { id: "e4", source: "wait", sourceHandle: "replied", target: "done" },
    { id: "e5", source: "wait", sourceHandle: "timeout", target: "done" },
  ],
};

/** Missed call → Send a text → Wait for reply (1 h) → end. */
const callFlow: FlowGraph = {
  nodes: [
    { id: "trigger", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: { numbers: [], reasons: ["no-answer"] } },
    { id: "greet", kind: "action.sendSms", position: { x: 300, y: 0 }, config: { template: CALL_TEXT, immediate: true } },
    { id: "wait", kind: "wait.reply", position: { x: 600, y: 0 }, config: { timeoutMinutes: 60 } },
    { id: "done", kind: "end", position: { x: 900, y: 0 }, config: {} },
  ],
  edges: textFlow.edges,
};

async function publish(name: string, graph: FlowGraph) {
  const { id } = await t.callers.owner.flows.create({ clientId, name, starter: null });
  const draft = await t.callers.owner.flows.get({ clientId, flowId: id });
  const saved = await t.callers.owner.flows.saveDraft({ clientId, flowId: id, graph, baseRevision: draft.revision });
  expect(saved.issues.filter((i) => i.severity === "error")).toEqual([]);
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
  return id;
}

// Loaded after the harness set PUBLIC_BASE_URL & co.: the app's modules read them once.
let postSigned: typeof import("../../doubles/twilio/messages-api").postSigned;
let env: typeof import("../../env").env;
let inngest: typeof import("../../events/client").inngest;
let loadStartFacts: typeof import("./run-setup").loadStartFacts;
let textFlowId: string;
let callFlowId: string;

beforeAll(async () => {
  h = await startAppHarness();
  ({ postSigned } = await import("../../doubles/twilio/messages-api"));
  ({ env } = await import("../../env"));
  ({ inngest } = await import("../../events/client"));
  ({ loadStartFacts } = await import("./run-setup"));
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  textFlowId = await publish("Texted us first", textFlow);
  callFlowId = await publish("Missed call", callFlow);
}, 60_000);
afterAll(() => h?.close());

describe("Text received, run for real", () => {
  it("a text starts a run, its reply goes out, and a reply to that run's wait starts no second run", async () => {
    const sender = "+13125550711";
    await text(sender, "Hi, do you fix water heaters?");
    const [waiting] = await eventually("the text's run waiting for a reply", async () => {
      const runs = await runsOf(sender);
      return runs[0]?.status === "waiting" && runs;
    }, 20_000, explainRuns);
    expect(waiting.flowId).toBe(textFlowId);
    expect(waiting.triggerEventId).toMatch(/^SM/);
    expect(waiting.steps.map((s) => [s.kind, s.status])).toEqual([
      ["sendSms", "completed"],
      ["waitForReply", "waiting"],
    ]);
    // (The first text to a number carries the opt-out footer.)
    expect(await textsTo(sender)).toEqual([expect.stringContaining("Thanks for your text! We got “Hi, do you fix water heaters?” and will call you shortly.")]);

    await text(sender, "Tomorrow morning works");
    const done = await eventually("the run to complete", async () => {
      const runs = await runsOf(sender);
      return runs[0]?.status === "completed" && runs;
    }, 20_000, explainRuns);
    const path = (done[0].trace as { nodeId: string; handle: string | null }[]).map((s) => `${s.nodeId}:${s.handle ?? "end"}`);
    expect(path).toEqual(["trigger:next", "greet:sent", "wait:replied", "done:end"]);
    await settle();
    expect(await runsOf(sender)).toHaveLength(1);
    expect(await textsTo(sender)).toHaveLength(1);
  });

  it("a reply to a missed-call run's wait starts no text run", async () => {
    const caller = "+13125550712";
    await call(caller);
    await eventually("the call's run waiting for a reply", async () => (await runsOf(caller))[0]?.status === "waiting", 20_000, explainRuns);
    await text(caller, "yes please call me back");
    await eventually("the call's run to complete", async () => (await runsOf(caller))[0]?.status === "completed", 20_000, explainRuns);
    await settle();
    const runs = await runsOf(caller);
    expect(runs.map((r) => r.flowId)).toEqual([callFlowId]);
    expect(await textsTo(caller)).toEqual([expect.stringContaining(CALL_TEXT)]);
  });

  it("once their run is over, their next text starts a new one", async () => {
    const sender = "+13125550711"; // the first test's sender: their run completed
    await text(sender, "One more question");
    await eventually("a second run", async () => (await runsOf(sender)).length === 2, 20_000, explainRuns);
  });

  it.each([
    ["STOP", "+13125550721"],
    ["HELP", "+13125550722"],
    ["START", "+13125550723"],
    ["please remove me from your list", "+13125550724"],
    ["wrong number", "+13125550725"],
  ])("%s starts nothing", async (body, sender) => {
    await text(sender, body);
    await settle();
    expect(await runsOf(sender)).toEqual([]);
  });

  it("an opted-out contact's text starts nothing", async () => {
    const sender = "+13125550726";
    await text(sender, "STOP");
    await text(sender, "hello?");
    await settle();
    expect(await runsOf(sender)).toEqual([]);
  });

  it("a redelivered webhook (same MessageSid) starts nothing twice", async () => {
    const sender = "+13125550731";
    const first = await text(sender, "Do you do drain cleaning?");
    await eventually("the text's run", async () => (await runsOf(sender)).length === 1, 20_000, explainRuns);
    const params = { MessageSid: first.sid, SmsSid: first.sid, AccountSid: env.FAKE_TWILIO_ACCOUNT_SID, From: sender, To: business, Body: "Do you do drain cleaning?", NumMedia: "0", ApiVersion: "2010-04-01" };
    const again = await postSigned(`${h.appUrl}/api/twilio/sms`, params, env.FAKE_TWILIO_AUTH_TOKEN);
    expect(again.status).toBe(200);
    await settle();
    const runs = await runsOf(sender);
    expect(runs).toHaveLength(1);
    expect(runs[0].triggerEventId).toBe(first.sid);
    expect(await db.message.count({ where: { twilioSid: first.sid } })).toBe(1);
    // One engine run for it: the start event's id (<MessageSid>:<flowId>) deduped the second send.
    const { runs: started } = await h.control<{ runs: { id: string }[] }>("/control/runs?event=flow/run.start");
    const details = await Promise.all(started.map((r) => h.control<{ event: { data: { runId: string } } }>(`/control/runs/${r.id}`)));
    expect(details.filter((d) => d.event.data.runId === runs[0].id)).toHaveLength(1);
    expect(await textsTo(sender)).toHaveLength(1);
  });

  it("a start event of the shape sent before triggers were a family (a `call`, no `trigger` or `contact`) still runs", async () => {
    const legacyRun = async (caller: string, withFacts: boolean) => {
      const flow = await db.flow.findUniqueOrThrow({ where: { id: callFlowId } });
      const callSid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
      const at = new Date().toISOString();
      const contact = await db.contact.create({ data: { clientId, e164: caller } });
      const run = await db.flowRun.create({ data: { clientId, flowId: flow.id, flowVersionId: flow.activeVersionId!, triggerEventId: callSid, callerNumber: caller, contactId: contact.id, status: "running" } });
      const call = { clientId, callId: "call-legacy", callSid, from: caller, to: business, reason: "no-answer" as const, at, voicemailTranscript: null };
      const facts = await loadStartFacts(clientId, call);
      if (!("trigger" in facts) || facts.trigger.kind !== "missedCall") throw new Error("expected current facts");
      const { trigger, contact: { e164: _e164, ...person }, ...rest } = facts;
      const legacyFacts = { ...rest, call: trigger.call, contact: person, runLink: null };
      await inngest.send({
        name: "flow/run.start",
        id: `${callSid}:${flow.id}`,
        data: { clientId, flowId: flow.id, flowVersionId: flow.activeVersionId!, runId: run.id, triggerEventId: callSid, call, ...(withFacts ? { facts: legacyFacts } : {}) },
      });
      return run.id;
    };
    for (const [caller, withFacts] of [["+13125550741", true], ["+13125550742", false]] as const) {
      const runId = await legacyRun(caller, withFacts);
      await eventually(`the old-shape run (${withFacts ? "with" : "without"} facts) waiting for a reply`, async () => (await db.flowRun.findUnique({ where: { id: runId } }))?.status === "waiting", 20_000, explainRuns);
      expect(await textsTo(caller)).toEqual([expect.stringContaining(CALL_TEXT)]);
      // Its reply wait and concurrency key read the caller from `call.from`.
      await text(caller, "sounds good");
      await eventually("the old-shape run to take the reply", async () => (await db.flowRun.findUnique({ where: { id: runId } }))?.status === "completed", 20_000, explainRuns);
      expect(await runsOf(caller)).toHaveLength(1);
    }
  });
});
