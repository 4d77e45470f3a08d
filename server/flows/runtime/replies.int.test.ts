import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import type { FlowGraph } from "../model/graph";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// Which of the caller's texts a run hears, from a phone call on the fake Twilio through the app's
// real webhooks, Inngest functions and the local engine. Nothing inside the app is mocked.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

beforeAll(async () => {
  h = await startAppHarness();
  const tenants = await import("../../testing/tenants");
  t = await tenants.createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
}, 60_000);
afterAll(() => h?.close());

type FakeMessage = { to: string; body: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;
const call = (from: string) => h.fake("/_fake/calls", { from, to: business, outcome: "no-answer" });
const text = (from: string, body: string) => h.fake("/_fake/sms", { from, to: business, body });
const runOf = async (caller: string) => db.flowRun.findFirst({ where: { callerNumber: caller }, include: { steps: true } });
const explainRuns = async () => JSON.stringify(await h.control("/control/runs"), null, 1).slice(0, 4000);

/** Publishes `graph` as the client's one live flow. */
async function publish(graph: FlowGraph) {
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Replies", starter: "text-back" });
  const draft = await t.callers.owner.flows.get({ clientId, flowId: id });
  await t.callers.owner.flows.saveDraft({ clientId, flowId: id, graph, baseRevision: draft.revision });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}

const at = (col: number) => ({ x: col * 300, y: 0 });
/** Missed call → question → [Wait 10 minutes →] Wait for reply (1 hour) → "Got it" | end. */
function questionFlow(delay: boolean): FlowGraph {
  return {
    nodes: [
      { id: "trigger", kind: "trigger.missedCall", position: at(0), config: { numbers: [], reasons: ["no-answer"] } },
      { id: "ask", kind: "action.sendSms", position: at(1), config: { template: "Sorry we missed you! What do you need? - {{business.name}}", immediate: true } },
      ...(delay ? [{ id: "pause", kind: "wait.delay", position: at(2), config: { mode: "duration", minutes: 10 } }] : []),
      { id: "wait", kind: "wait.reply", position: at(3), config: { timeoutMinutes: 60 } },
      { id: "thanks", kind: "action.sendSms", position: at(4), config: { template: "Got it: {{reply.body}}", immediate: true } },
      { id: "done", kind: "end", position: at(5), config: {} },
    ],
    edges: [
      { id: "e1", source: "trigger", sourceHandle: "next", target: "ask" },
      { id: "e2", source: "ask", sourceHandle: "sent", target: delay ? "pause" : "wait" },
      { id: "e3", source: "ask", sourceHandle: "failed", target: "done" },
      ...(delay ? [{ id: "e4", source: "pause", sourceHandle: "next", target: "wait" }] : []),
      { id: "e5", source: "wait", sourceHandle: "replied", target: "thanks" },
      { id: "e6", source: "wait", sourceHandle: "timeout", target: "done" },
      { id: "e7", source: "thanks", sourceHandle: "sent", target: "done" },
      { id: "e8", source: "thanks", sourceHandle: "failed", target: "done" },
    ],
  } as FlowGraph;
}

describe("a reply is heard", () => {
  it("when it lands while the question is still being sent to Twilio", async () => {
    await publish(questionFlow(false));
    const caller = "+13125550301";
    // Twilio takes 1.5 s to accept the question; the caller answers meanwhile.
    await h.fake("/_fake/latency", { to: caller, ms: 1500 });
    const requests = h.twilio.state.requests;
    await call(caller);
    await eventually("the question on its way to Twilio", async () => h.twilio.state.requests > requests);
    await text(caller, "a leaking tap");
    expect(await textsTo(caller)).toHaveLength(0);
    // The engine's clock is not moved: only the reply itself can end the hour's wait.
    const run = await eventually("the run to finish", async () => (await runOf(caller))?.status === "completed" && runOf(caller), 15_000, explainRuns);
    expect(run!.steps.find((s) => s.kind === "waitForReply")?.output).toMatchObject({ reply: { body: "a leaking tap" } });
    expect((await textsTo(caller)).map((m) => m.body)).toEqual(["Sorry we missed you! What do you need? - Greenfield Plumbing Reply STOP to opt out.", "Got it: a leaking tap"]);
  });

  it("when it lands during a Wait that comes before 'Wait for reply'", async () => {
    await publish(questionFlow(true));
    const caller = "+13125550302";
    await call(caller);
    await eventually("the run pausing", async () => (await runOf(caller))?.steps.some((s) => s.kind === "sleep"), 15_000, explainRuns);
    await text(caller, "a leaking tap");
    await h.advanceClock("11m");
    const run = await eventually("the run to finish", async () => (await runOf(caller))?.status === "completed" && runOf(caller), 15_000, explainRuns);
    expect(run!.steps.find((s) => s.kind === "waitForReply")?.output).toMatchObject({ reply: { body: "a leaking tap" } });
    expect((await textsTo(caller)).at(-1)?.body).toBe("Got it: a leaking tap");
  });
});

describe("starter flows", () => {
  it("Business hours aware: a caller who redials is texted once, and staff see the repeat call", async () => {
    await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Hours", starter: "business-hours" });
    await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
    const caller = "+13125550311";
    await call(caller);
    await eventually("the first text", async () => (await textsTo(caller)).length === 1, 15_000, explainRuns);
    await call(caller);
    await call(caller);
    // The first run may still be waiting for opening time; the redials' runs end at once.
    const runs = await eventually("the redials handled", async () => {
      const all = await db.flowRun.findMany({ where: { callerNumber: caller }, orderBy: { startedAt: "asc" } });
      return all.length === 3 && all.slice(1).every((r) => r.status === "completed") && all;
    }, 30_000, explainRuns);
    expect(runs).toHaveLength(3);
    expect(runs.slice(1).map((r) => r.outcome)).toEqual(["Done", "Done"]);
    expect(runs.slice(1).every((r) => (r.trace as { nodeId: string; handle: string }[]).some((e) => e.nodeId === "cooldown" && e.handle === "cooling"))).toBe(true);
    expect(await textsTo(caller)).toHaveLength(1);
    const repeats = await db.notification.findMany({ where: { clientId, runId: { in: runs.slice(1).map((r) => r.id) } } });
    expect(repeats.map((n) => n.body)).toEqual([expect.stringMatching(/called again at .*; they were already texted/), expect.stringMatching(/called again/)]);
  });
});

describe("words that are not an answer", () => {
  const waitingRun = async (caller: string) => {
    await call(caller);
    return eventually("the run waiting for the reply", async () => {
      const run = await runOf(caller);
      return run?.status === "waiting" && run.steps.some((s) => s.kind === "waitForReply") && run;
    }, 15_000, explainRuns);
  };
  const publishFollowUp = async () => {
    await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Follow-up", starter: "full-follow-up" });
    await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
  };

  it("'stop texting me please' while a run waits: opted out, one confirmation, staff told, the run cancelled, no offer", async () => {
    await publishFollowUp();
    const caller = "+13125550321";
    const waiting = await waitingRun(caller);
    await text(caller, "stop texting me please");
    const cancelled = await eventually("the run cancelled", async () => (await runOf(caller))?.status === "cancelled" && runOf(caller), 15_000, explainRuns);
    expect(cancelled!.id).toBe(waiting.id);
    expect(cancelled!.error).toMatch(/opted out \(texted “stop texting me please”\)/);
    expect(await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } })).toMatchObject({ optedOut: true });
    const texts = (await textsTo(caller)).map((m) => m.body);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/^You're unsubscribed from Greenfield Plumbing texts/);
    expect(await db.message.findFirstOrThrow({ where: { fromNumber: caller, direction: "inbound" } })).toMatchObject({ flag: "Asked not to be texted: opted out", readAt: null });
    expect(await db.notification.findFirst({ where: { clientId, title: "Asked not to be texted", body: { contains: "stop texting me please" } } })).not.toBeNull();
    // Saying it again sends no second confirmation.
    await text(caller, "please remove me");
    await new Promise((r) => setTimeout(r, 300));
    expect(await textsTo(caller)).toHaveLength(2);
  });

  it("'wrong number' while a run waits is flagged for staff and not taken as the answer; a real answer later is", async () => {
    await publishFollowUp();
    const caller = "+13125550322";
    await waitingRun(caller);
    await text(caller, "Sorry, wrong number");
    await eventually("staff told", async () => db.notification.findFirst({ where: { clientId, title: "A text needs a look", body: { contains: "wrong number" } } }));
    await new Promise((r) => setTimeout(r, 500));
    expect((await runOf(caller))?.status).toBe("waiting");
    expect(await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } })).toMatchObject({ optedOut: false });
    await text(caller, "EMERGENCY pipe burst");
    const run = await eventually("the run to finish", async () => (await runOf(caller))?.status === "completed" && runOf(caller), 15_000, explainRuns);
    expect(run!.steps.find((s) => s.kind === "waitForReply")?.output).toMatchObject({ reply: { body: "EMERGENCY pipe burst" } });
  });

  it("a revocation that lands while the question is being sent is not taken as the answer either", async () => {
    await publishFollowUp();
    const caller = "+13125550323";
    await h.fake("/_fake/latency", { to: caller, ms: 1500 });
    const requests = h.twilio.state.requests;
    await call(caller);
    await eventually("the question on its way to Twilio", async () => h.twilio.state.requests > requests);
    await text(caller, "don't text me");
    const run = await eventually("the run to end", async () => {
      const r = await runOf(caller);
      return r && !["running", "waiting"].includes(r.status) && r;
    }, 15_000, explainRuns);
    expect(run.status).toBe("cancelled");
    expect(run.steps.find((s) => s.kind === "waitForReply")?.output ?? null).toBeNull();
    expect((await textsTo(caller)).some((m) => /one of these times/.test(m.body))).toBe(false);
  });
});
