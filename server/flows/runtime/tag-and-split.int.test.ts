import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";
import type { FlowGraph } from "../model/graph";

// Tag contact and A/B split through the app's real webhooks, Inngest functions and the local
// engine, to the texts the fake Twilio receives, the contact's tags and the dashboard.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;
let flowId: string;

type FakeMessage = { to: string; body: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;
const call = (from: string) => h.fake("/_fake/calls", { from, to: business, outcome: "no-answer" });
const text = (from: string, body: string) => h.fake("/_fake/sms", { from, to: business, body });
const runOf = (caller: string) => db.flowRun.findFirst({ where: { callerNumber: caller }, include: { steps: { orderBy: { startedAt: "asc" } } } });
type EngineRun = { calls: number; event: { data: { runId: string } }; steps: { name: string; output: unknown }[] };
const explainRuns = async () => JSON.stringify(await h.control("/control/runs"), null, 1).slice(0, 4000);

const SHORT = "Sorry we missed you! Text back and we'll help.";
const LONG = "Thanks for calling Greenfield. We're with a customer right now; reply here and we'll text you straight back.";

/** Missed call → Tag (+vip −new) → A/B split (Short / Long) → its text → Wait for reply (1 h) → end. */
const flow: FlowGraph = {
  nodes: [
    { id: "trigger", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: { numbers: [], reasons: ["no-answer"] } },
    { id: "tag", kind: "action.tagContact", label: "Tag as VIP", position: { x: 300, y: 0 }, config: { add: ["vip"], remove: ["new"] } },
    { id: "split", kind: "action.abSplit", label: "Which text?", position: { x: 600, y: 0 }, config: { branches: [{ label: "Short", weight: 50 }, { label: "Long", weight: 50 }] } },
    { id: "short", kind: "action.sendSms", position: { x: 900, y: 0 }, config: { template: SHORT, immediate: true } },
    { id: "long", kind: "action.sendSms", position: { x: 900, y: 200 }, config: { template: LONG, immediate: true } },
    { id: "wait", kind: "wait.reply", position: { x: 1200, y: 0 }, config: { timeoutMinutes: 60 } },
    { id: "done", kind: "end", position: { x: 1500, y: 0 }, config: {} },
  ],
  edges: [
    { id: "e1", source: "trigger", sourceHandle: "next", target: "tag" },
    { id: "e2", source: "tag", sourceHandle: "next", target: "split" },
    { id: "e3", source: "split", sourceHandle: "a", target: "short" },
    { id: "e4", source: "split", sourceHandle: "b", target: "long" },
    { id: "e5", source: "short", sourceHandle: "sent", target: "wait" },
    { id: "e6", source: "short", sourceHandle: "failed", target: "done" },
    { id: "e7", source: "long", sourceHandle: "sent", target: "wait" },
    { id: "e8", source: "long", sourceHandle: "failed", target: "done" },
    { id: "e9", source: "wait", sourceHandle: "replied", target: "done" },
    { id: "e10", source: "wait", sourceHandle: "timeout", target: "done" },
  ],
};

beforeAll(async () => {
  h = await startAppHarness();
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  ({ id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Which text works", starter: "text-back" }));
  const draft = await t.callers.owner.flows.get({ clientId, flowId });
  const saved = await t.callers.owner.flows.saveDraft({ clientId, flowId, graph: flow, baseRevision: draft.revision });
  expect(saved.issues.filter((i) => i.severity === "error")).toEqual([]);
  await t.callers.owner.flows.publish({ clientId, flowId, note: null });
}, 60_000);
afterAll(() => h?.close());

/** The branch the run drew (0 = Short), as recorded in its history. */
const drawnBranch = (run: NonNullable<Awaited<ReturnType<typeof runOf>>>) => (run.steps.find((s) => s.kind === "pickBranch")!.output as { branch: number }).branch;

describe("Tag contact and A/B split, run for real", () => {
  it("tags the caller's contact, draws one branch once, texts that branch's text and records the path", async () => {
    const caller = "+13125550611";
    await db.contact.create({ data: { clientId, e164: caller, name: "Ana Ruiz", firstName: "Ana", tags: ["new", "plumbing"] } });
    await call(caller);
    const waiting = await eventually("the run waiting for a reply", async () => (await runOf(caller))?.status === "waiting" && runOf(caller), 20_000, explainRuns);

    expect(waiting.steps.map((s) => [s.kind, s.status])).toEqual([
      ["tagContact", "completed"],
      ["pickBranch", "completed"],
      ["sendSms", "completed"],
      ["waitForReply", "waiting"],
    ]);
    expect(waiting.steps[0].output).toMatchObject({ tags: ["plumbing", "vip"] });
    expect((await db.contact.findUniqueOrThrow({ where: { clientId_e164: { clientId, e164: caller } } })).tags).toEqual(["plumbing", "vip"]);

    const branch = drawnBranch(waiting);
    expect([0, 1]).toContain(branch);
    const texts = await textsTo(caller);
    expect(texts).toHaveLength(1);
    expect(texts[0].body).toContain(branch === 0 ? SHORT : LONG);

    await text(caller, "yes please");
    const done = await eventually("the run to complete", async () => (await runOf(caller))?.status === "completed" && runOf(caller), 20_000, explainRuns);
    const path = (done.trace as { nodeId: string; handle: string | null }[]).map((s) => `${s.nodeId}:${s.handle ?? "end"}`);
    expect(path).toEqual(["trigger:next", "tag:next", `split:${branch === 0 ? "a" : "b"}`, `${branch === 0 ? "short" : "long"}:sent`, "wait:replied", "done:end"]);
    expect(done.steps.filter((s) => s.kind === "pickBranch")).toHaveLength(1);
    // The engine called the function again after the draw (for the text, the wait, the reply) and
    // each replay took the memoized draw: one pickBranch step, with the branch the run went down.
    const { runs } = await h.control<{ runs: { id: string }[] }>("/control/runs?event=flow/run.start");
    const details = await Promise.all(runs.map((r) => h.control<EngineRun>(`/control/runs/${r.id}`)));
    const engineRun = details.find((d) => d.event.data.runId === done.id)!;
    expect(engineRun.calls).toBeGreaterThan(2);
    expect(engineRun.steps.filter((s) => s.name === "pickBranch:split").map((s) => (s.output as { branch: number }).branch)).toEqual([branch]);
  });

  it("the dashboard shows the reply rate of each branch, by the owner's branch names", async () => {
    const callers = ["+13125550621", "+13125550622", "+13125550623", "+13125550624"];
    for (const c of callers) await call(c);
    const runs = await eventually(
      "four runs waiting for a reply",
      async () => {
        const rs = await Promise.all(callers.map(runOf));
        return rs.every((r) => r?.status === "waiting") && (rs as NonNullable<(typeof rs)[number]>[]);
      },
      30_000,
      explainRuns,
    );
    // Only the first caller replies.
    await text(callers[0], "what time can you come?");
    await eventually("the reply recorded", async () => (await runOf(callers[0]))?.replied);

    const d = await t.callers.owner.dashboard.client({ clientId });
    const mine = d.replyRateByFlow.find((f) => f.flowId === flowId)!;
    const split = mine.branches.filter((b) => b.nodeId === "split");
    // Every run so far (the first test's too) drew once; count what they drew.
    const all = await db.flowRun.findMany({ where: { flowId }, include: { steps: true } });
    const expected = ["Short", "Long"]
      .map((label, i) => {
        const onBranch = all.filter((r) => drawnBranch(r) === i);
        return { branch: label, runs: onBranch.length, replied: onBranch.filter((r) => r.replied).length };
      })
      .filter((b) => b.runs > 0);
    expect(split.map((b) => ({ branch: b.branch, runs: b.runs, replied: b.replied }))).toEqual(expected);
    expect(expected.reduce((n, b) => n + b.runs, 0)).toBe(5);
    expect(expected.reduce((n, b) => n + b.replied, 0)).toBe(2);
    expect(runs).toHaveLength(4);
  });
});
