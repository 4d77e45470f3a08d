import { InngestTestEngine } from "@inngest/test";
import type { Context, EventPayload } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { matchesExpression } from "../../doubles/inngest-server/expressions";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// The same functions on two engines: the local engine (the app's real serve handler, over HTTP)
// and Inngest's own in-process test engine (@inngest/test). Each starter flow's branches run once
// on each, from a call placed through the fake Twilio, and must take the same steps, with the same
// step ids and outputs, and end the same way. Nothing here states what a branch's steps are: the
// two engines are compared with each other, so a change to run-flow moves both sides at once.
//
// @inngest/test cannot hold a wait: a `steps` mock of step.waitForEvent fails in @inngest/test 1.0
// with inngest 4.24, so `transformCtx` replaces step.waitForEvent with what Inngest would resolve it
// with: the `sms/received` event the app sent for the reply (checked against the wait's `if`
// expression), or null for a wait that times out. Events the functions send are kept (not sent to
// the local engine) on that side and handed to the next function as Inngest would.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;
let inngest: typeof import("../../events/client").inngest;
let runFlow: typeof import("./run-flow").runFlow;
let startRuns: typeof import("./start-runs").startRuns;
let callMissed: typeof import("../../events/schemas").callMissed;

beforeAll(async () => {
  h = await startAppHarness();
  // Loaded after the harness set PUBLIC_BASE_URL & co.: the app's modules read them once.
  const tenants = await import("../../testing/tenants");
  ({ inngest } = await import("../../events/client"));
  ({ runFlow } = await import("./run-flow"));
  ({ startRuns } = await import("./start-runs"));
  ({ callMissed } = await import("../../events/schemas"));
  t = await tenants.createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.staffContact.create({ data: { clientId, name: "Gus", mobile: "+13125550142", notifySms: true } });
}, 60_000);
afterAll(() => h?.close());

type SentEvent = { name: string; id?: string; data: Record<string, unknown> };
/** One call of a scenario: the caller's replies, in order, one per wait; a wait with no reply left times out. */
type CallScript = { replies: string[]; /** They text this first instead of calling ("Text received"). */ firstText?: string };
/**
 * How the runs start: the dial-result webhook starts them itself, or (`call/missed`) the previous
 * version's event, still queued when a new version is rolled out, runs the `start-runs` function.
 */
type StartedBy = "webhook" | "call/missed";
type History = Awaited<ReturnType<typeof runHistory>>;
type Scenario = {
  name: string;
  starter: "text-back" | "business-hours" | "full-follow-up" | "texted-first";
  calls: CallScript[];
  startedBy?: StartedBy;
  /** The branch the scenario is about, found in the last call's history: both engines agreeing on another branch would test nothing here. */
  took: (history: History) => boolean;
};

const step = (h: History, kind: string, node: string) => h.steps.find((s) => s.kind === kind && s.node === node && s.status === "completed")?.output as Record<string, unknown> | undefined;
const sent = (h: History, node: string) => step(h, "sendSms", node)?.status === "sent";
const reply = (h: History, node: string) => step(h, "waitForReply", node)?.reply;

const scenarios: Scenario[] = [
  { name: "text back", starter: "text-back", calls: [{ replies: [] }], took: (h) => sent(h, "text-back") },
  { name: "open or closed now (business hours)", starter: "business-hours", calls: [{ replies: [] }], took: (h) => h.steps.some((s) => s.kind === "sendSms" && s.status === "completed") },
  {
    name: "wait with a reply (no emergency: a visit is offered, no choice: times out)",
    starter: "full-follow-up",
    calls: [{ replies: ["Can someone look at my water heater?"] }],
    took: (h) => !!reply(h, "wait-reply") && reply(h, "offer-booking") === null,
  },
  { name: "wait that times out", starter: "full-follow-up", calls: [{ replies: [] }], took: (h) => reply(h, "wait-reply") === null },
  { name: "emergency keyword", starter: "full-follow-up", calls: [{ replies: ["EMERGENCY the basement is flooding"] }], took: (h) => sent(h, "emergency-text") },
  { name: "booking", starter: "full-follow-up", calls: [{ replies: ["Can someone fix my sink?", "1"] }], took: (h) => step(h, "bookSlot", "offer-booking")?.booked === true },
  {
    name: "cooldown hit (a second call within the hour)",
    starter: "full-follow-up",
    calls: [{ replies: ["EMERGENCY burst pipe"] }, { replies: [] }],
    took: (h) => step(h, "claimCooldown", "cooldown")?.claimed === false && h.steps.length === 1,
  },
  {
    name: "started by the previous version's call/missed event (start-runs), then a reply",
    starter: "full-follow-up",
    startedBy: "call/missed",
    calls: [{ replies: ["EMERGENCY no hot water"] }],
    took: (h) => sent(h, "emergency-text"),
  },
  {
    name: "texted first (greeting, a reply, a lead)",
    starter: "texted-first",
    calls: [{ firstText: "Hi, can you quote a new water heater?", replies: ["After 3pm please"] }],
    took: (h) => h.steps.some((s) => s.kind === "sendSms" && s.status === "completed") && h.steps.some((s) => s.kind === "waitForReply" && (s.output as { reply?: unknown } | null)?.reply != null),
  },
];

/** What one engine did for one call: the run's start event (sent by the webhook), its steps and output, the texts. */
interface Observed {
  /** For a run started by `call/missed`: what the `start-runs` function did (status, steps, output). */
  startRuns?: unknown;
  runStart: unknown;
  steps: { id: string; output: unknown }[];
  output: unknown;
  history: unknown;
  texts: string[];
}

let callerSeq = 300;
const nextCaller = () => `+13125550${++callerSeq}`;
const call = (from: string) => h.fake<{ sid: string }>("/_fake/calls", { from, to: business, outcome: "no-answer" });

/**
 * A missed call recorded while no flow was live (so the webhook started nothing), and the
 * `call/missed` event the previous version sent for it, as `start-runs` receives it.
 */
async function callRecordedBeforeRollout(from: string) {
  const live = await db.flow.findMany({ where: { clientId, archivedAt: null }, select: { id: true } });
  await db.flow.updateMany({ where: { id: { in: live.map((f) => f.id) } }, data: { archivedAt: new Date() } });
  const { sid } = await call(from);
  await db.flow.updateMany({ where: { id: { in: live.map((f) => f.id) } }, data: { archivedAt: null } });
  const c = await eventually("the call to be stored", () => db.call.findUnique({ where: { callSid: sid } }));
  expect(await db.flowRun.count({ where: { triggerEventId: sid } }), "the webhook started no run for it").toBe(0);
  const data = { clientId: c.clientId, callId: c.id, callSid: sid, from: c.fromNumber, to: c.toNumber, reason: "no-answer" as const, at: c.createdAt.toISOString(), voicemailTranscript: null };
  return { sid, event: callMissed.create(data, { id: sid }) };
}
const text = (from: string, body: string) => h.fake("/_fake/sms", { from, to: business, body });
/** What starts the run: a missed call, or their first text. Answers the trigger event's SID. */
const begin = (from: string, script: CallScript) => (script.firstText ? h.fake<{ sid: string }>("/_fake/sms", { from, to: business, body: script.firstText }) : call(from));
const textsTo = async (to: string) =>
  (await h.fake<{ messages: { body: string; direction: string }[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages.filter((m) => m.direction === "outbound-api").map((m) => m.body);

async function publishStarter(starter: Scenario["starter"]) {
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: starter, starter });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}

async function runHistory(runId: string) {
  const run = await db.flowRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { startedAt: "asc" } } } });
  return { status: run.status, outcome: run.outcome, error: run.error, steps: run.steps.map((s) => ({ node: s.nodeId, kind: s.kind, status: s.status, output: s.output, error: s.error })) };
}

// ---- the local engine: the whole stack, as production runs it ----

type EngineStep = { name: string; op: string; status: string; output: unknown };
type EngineRun = { id: string; status: string; output: unknown; event: SentEvent; steps: EngineStep[] };

async function engineRuns(event: string) {
  const { runs } = await h.control<{ runs: { id: string }[] }>(`/control/runs?event=${event}`);
  return Promise.all(runs.map((r) => h.control<EngineRun>(`/control/runs/${r.id}`)));
}

async function onLocalEngine(caller: string, script: CallScript, startedBy: StartedBy): Promise<Observed> {
  let sid: string;
  if (startedBy === "webhook") ({ sid } = await begin(caller, script));
  else {
    const recorded = await callRecordedBeforeRollout(caller);
    sid = recorded.sid;
    await inngest.send(recorded.event);
  }
  const explain = async () => JSON.stringify(await engineRuns("flow/run.start"), null, 1).slice(-4000);
  const flowRun = async () => (await engineRuns("flow/run.start")).find((r) => r.event.data.triggerEventId === sid);
  const finished = ["completed", "failed", "cancelled"];
  let replies = 0;
  for (;;) {
    // Finished, or held at a wait or a sleep: the engine does nothing more until the caller or the clock moves.
    // A wait counts as held once the inbox step declared with it has read the inbox: a reply texted
    // before that would be found there instead of resuming the wait, which @inngest/test (whose wait
    // resolves only when awaited, after the inbox step) never does — a race, not a difference.
    const inboxRead = (r: EngineRun, wait: EngineStep) => r.steps.some((s) => s.name === `inbox:${wait.name}` && s.status === "completed");
    const run = await eventually("the run to end, wait or sleep", async () => {
      const r = await flowRun();
      return r && (finished.includes(r.status) || r.steps.some((s) => (s.status === "waiting" && inboxRead(r, s)) || s.status === "sleeping")) ? r : undefined;
    }, 30_000, explain);
    if (finished.includes(run.status)) break;
    const held = run.steps.find((s) => s.status === "waiting" || s.status === "sleeping")!;
    const reply = held.op === "WaitForEvent" ? script.replies[replies++] : undefined;
    // A wait with no reply left times out; a sleep ends (untilOpen sleeps at most over a weekend).
    if (reply === undefined) await h.advanceClock("80h");
    else await text(caller, reply);
    await eventually(`the run to leave ${held.name}`, async () => (await flowRun())?.steps.find((s) => s.name === held.name && s.status !== held.status), 30_000, explain);
  }
  const run = (await flowRun())!;
  const runId = run.event.data.runId as string;
  const starter = startedBy === "call/missed" ? (await engineRuns("call/missed")).find((r) => r.event.id === sid) : undefined;
  await eventually("run history to end", async () => !["running", "waiting"].includes((await db.flowRun.findUniqueOrThrow({ where: { id: runId } })).status), 30_000, async () => JSON.stringify(await runHistory(runId)));
  return {
    ...(starter ? { startRuns: { status: starter.status, steps: starter.steps.map((s) => ({ id: s.name, output: s.output })), output: starter.output } } : {}),
    runStart: { name: run.event.name, id: run.event.id, data: run.event.data },
    steps: run.steps.map((s) => ({ id: s.name, output: s.op === "WaitForEvent" ? eventShape(s.output) : s.output })),
    output: run.output,
    history: await runHistory(runId),
    texts: await textsTo(caller),
  };
}

// ---- @inngest/test: Inngest's own engine, in this process ----

async function onInngestTest(caller: string, script: CallScript, startedBy: StartedBy): Promise<Observed> {
  const sent: SentEvent[] = [];
  const send = vi.spyOn(inngest, "send").mockImplementation((async (payload: SentEvent | SentEvent[]) => {
    const events = [payload].flat();
    sent.push(...events);
    return { ids: events.map((e) => e.id ?? crypto.randomUUID()) };
  }) as unknown as typeof inngest.send);
  try {
    let sid: string;
    let starter: Observed["startRuns"];
    if (startedBy === "webhook") ({ sid } = await begin(caller, script));
    else {
      const recorded = await callRecordedBeforeRollout(caller);
      sid = recorded.sid;
      const starterSteps = new Map<string, { id: string; output: unknown }>();
      const ran = await new InngestTestEngine({ function: startRuns, events: [asPayload(recorded.event as SentEvent)], transformCtx: recordingSteps(starterSteps) }).execute();
      if (ran.error) throw ran.error;
      starter = { status: "completed", steps: [...starterSteps.values()], output: ran.result };
    }
    // The dial-result or SMS webhook (or start-runs) starts the run: its flow/run.start is among the events sent.
    const runStart = sent.find((e) => e.name === "flow/run.start" && e.data.triggerEventId === sid);
    if (!runStart) throw new Error(`the app sent no flow/run.start for ${sid}: ${JSON.stringify(sent)}`);

    const steps = new Map<string, { id: string; output: unknown }>();
    const waits = new Map<string, Promise<SentEvent | null>>();
    let replies = 0;
    const resolveWait = async (opts: { event: string; if?: string }): Promise<SentEvent | null> => {
      const reply = script.replies[replies++];
      if (reply === undefined) return null;
      const before = sent.length;
      await text(caller, reply);
      const event = sent.slice(before).find((e) => e.name === opts.event);
      if (!event) throw new Error(`the app sent no ${opts.event} for the reply "${reply}"`);
      const match = matchesExpression(opts.if ?? "true", { event: runStart, async: event });
      if (!match.matched) throw new Error(`the reply event does not match the wait's if (${opts.if}): ${match.error ?? "false"}`);
      return event;
    };
    const record = (id: string, promise: Promise<unknown>, shape: (v: unknown) => unknown = (v) => v) => {
      if (!steps.has(id)) steps.set(id, { id, output: undefined });
      promise.then((value) => (steps.get(id)!.output = shape(value)), () => {});
      return promise;
    };
    const transformCtx = (ctx: Context.Any): Context.Any => {
      const step = ctx.step;
      return {
        ...ctx,
        step: {
          ...step,
          run: ((id: string, fn: () => unknown) => record(id, step.run(id, fn))) as typeof step.run,
          // @inngest/test cannot hold a sleep either; Inngest resolves one, once its time has come, with null.
          sleepUntil: ((id: string) => record(id, Promise.resolve(null))) as unknown as typeof step.sleepUntil,
          waitForEvent: ((id: string, opts: { event: string; if?: string }) => {
            if (!waits.has(id)) waits.set(id, lazy(() => resolveWait(opts)));
            return record(id, waits.get(id)!, eventShape);
          }) as unknown as typeof step.waitForEvent,
        },
      };
    };
    const ran = await new InngestTestEngine({ function: runFlow, events: [asPayload(runStart)], transformCtx }).execute();
    if (ran.error) throw ran.error;
    const runId = runStart.data.runId as string;
    return {
      ...(starter ? { startRuns: starter } : {}),
      runStart: { name: runStart.name, id: runStart.id, data: runStart.data },
      steps: [...steps.values()],
      output: ran.result,
      history: await runHistory(runId),
      texts: await textsTo(caller),
    };
  } finally {
    send.mockRestore();
  }
}

/** Records each `step.run` of a function run on @inngest/test with its output, in the order it ran. */
function recordingSteps(steps: Map<string, { id: string; output: unknown }>) {
  return (ctx: Context.Any): Context.Any => ({
    ...ctx,
    step: {
      ...ctx.step,
      run: ((id: string, fn: () => unknown) => {
        if (!steps.has(id)) steps.set(id, { id, output: undefined });
        const promise = ctx.step.run(id, fn);
        promise.then((value) => (steps.get(id)!.output = value), () => {});
        return promise;
      }) as typeof ctx.step.run,
    },
  });
}

/** A promise whose work starts when it is first awaited, as a wait resolves only once the function waits. */
function lazy<T>(work: () => Promise<T>): Promise<T> {
  let started: Promise<T> | null = null;
  const start = () => (started ??= work());
  return { then: (ok, fail) => start().then(ok, fail), catch: (fail) => start().catch(fail), finally: (f) => start().finally(f), [Symbol.toStringTag]: "Promise" } as Promise<T>;
}

const asPayload = (e: SentEvent): EventPayload => ({ name: e.name, id: e.id, data: e.data });

/** A wait's result as the function sees it: the event's name and data (engines add their own envelope). */
function eventShape(value: unknown) {
  if (!value || typeof value !== "object") return value ?? null;
  const { name, data } = value as SentEvent;
  return { name, data };
}

/** What differs by nature between two calls: the caller, ids, SIDs and times. */
function normalise(value: unknown, caller: string): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replaceAll(caller, "<caller>")
      .replaceAll(caller.slice(2).replace(/^(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3"), "<caller>")
      .replace(/\b(CA|SM|MM)[0-9a-f]{32}\b/g, "<$1sid>")
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
      .replace(/\bc[a-z0-9]{24}\b/g, "<id>")
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<time>")
      .replace(/\b[0-9A-HJKMNP-TV-Z]{26}\b/g, "<ulid>"),
  );
}

describe("run-flow takes the same steps on the local engine and on @inngest/test", () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      await publishStarter(scenario.starter);
      const local = nextCaller();
      const test = nextCaller();
      for (const [i, script] of scenario.calls.entries()) {
        // A caller counts as known from one second after they became a contact (run-setup's rule);
        // @inngest/test runs a whole flow in milliseconds, so space a repeat call as a person would.
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1_200));
        // Each side books from the same free slots.
        await db.appointment.deleteMany({ where: { clientId } });
        const startedBy = i === 0 ? (scenario.startedBy ?? "webhook") : "webhook";
        const onLocal = await onLocalEngine(local, script, startedBy);
        await db.appointment.deleteMany({ where: { clientId } });
        const onTest = await onInngestTest(test, script, startedBy);
        if (process.env.PARITY_DUMP) console.log(JSON.stringify(normalise(onLocal, local), null, 1));
        expect(normalise(onTest, test), `call ${i + 1} on @inngest/test vs the local engine`).toEqual(normalise(onLocal, local));
        // Not vacuous: the run did something, and a wait that was scripted to be answered was.
        expect(onLocal.steps.length).toBeGreaterThan(0);
        expect(onLocal.texts.length).toBeGreaterThan(0);
        if (startedBy === "call/missed") expect(onLocal.startRuns, "start-runs ran on the local engine and started the run").toMatchObject({ status: "completed", output: { runIds: [onLocal.runStart && (onLocal.runStart as SentEvent).data.runId] } });
        if (i === scenario.calls.length - 1) expect(scenario.took(onLocal.history as History), `the scenario's branch: ${JSON.stringify(onLocal.history)}`).toBe(true);
      }
    }, 180_000);
  }
});
