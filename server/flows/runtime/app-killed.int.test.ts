import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// The app's process is SIGKILLed while a run waits for the caller's reply, and a new one is started
// on the same port. The app serves from a child process; the local engine and the fake Twilio stay
// in this one. The engine holds every run's state, the app holds none: the run goes on in the new
// process, and no step that already ran (a text) runs again.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

beforeAll(async () => {
  h = await startAppHarness({ appProcess: true });
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Full", starter: "full-follow-up" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 90_000);
// A test that failed with the app down leaves it down: the next one starts with an app process.
beforeEach(async () => {
  if (!h.appProcess()) await h.startApp();
}, 60_000);
afterAll(() => h?.close(), 30_000);

type FakeMessage = { to: string; body: string; direction: string };
const outbound = async () => (await h.fake<{ messages: FakeMessage[] }>("/_fake/messages")).messages.filter((m) => m.direction === "outbound-api");
const textsTo = async (to: string) => (await outbound()).filter((m) => m.to === to).map((m) => m.body);

type EngineRun = {
  id: string;
  status: string;
  /** "waiting" once no call to the app is in flight or queued and the run waits. */
  state: string;
  event: { data: Record<string, unknown> };
  steps: { name: string; op: string; status: string; attempts: number }[];
  history: { message: string }[];
};
/** The engine's own record of the run the caller's missed call started. */
async function engineRun(caller: string): Promise<EngineRun | undefined> {
  const { runs } = await h.control<{ runs: { id: string }[] }>("/control/runs?limit=500");
  for (const { id } of runs) {
    const run = await h.control<EngineRun>(`/control/runs/${id}`);
    if (JSON.stringify(run.event.data).includes(caller)) return run;
  }
  return undefined;
}

const flowRun = (caller: string) => db.flowRun.findFirst({ where: { callerNumber: caller }, include: { steps: true } });
const path = (run: { trace: unknown }) => (run.trace as { nodeId: string; handle: string | null }[]).map((e) => `${e.nodeId}:${e.handle ?? ""}`);

/** The caller's run waits for the reply, in the database and in the engine. */
async function missedCallWaiting(caller: string) {
  await h.fake("/_fake/calls", { from: caller, to: business, outcome: "no-answer" });
  await eventually("the run waiting for the reply", async () => (await flowRun(caller))?.status === "waiting", 30_000);
  // Waiting, with no call to the app in flight: a kill in the middle of one (the inbox step's answer
  // on its way back) would rightly count as a failed attempt, as on Inngest.
  await eventually(
    "the engine's run waiting for the reply, with no call in flight",
    async () => {
      const run = await engineRun(caller);
      return run?.state === "waiting" && run.steps.some((s) => s.op === "WaitForEvent" && s.status === "waiting");
    },
    15_000,
    async () => JSON.stringify(await engineRun(caller), null, 2),
  );
  expect(await textsTo(caller)).toEqual([expect.stringMatching(/^Thanks for calling .*Reply EMERGENCY/)]);
}

/** SIGKILLs the app's process and checks it is really gone and unreachable. */
async function killApp() {
  const child = h.appProcess();
  if (!child) throw new Error("the app process is not running");
  await h.stopApp();
  expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
  expect(() => process.kill(child.pid, 0)).toThrow(/ESRCH/);
  // The engine cannot reach the app now: its sync (a call to /api/inngest) fails to connect.
  const sync = await fetch(`${h.engine.url}/control/apps/sync`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: `${h.appUrl}/api/inngest` }) });
  expect({ status: sync.status, body: await sync.json() }).toMatchObject({ status: 502, body: { ok: false, message: expect.stringMatching(/ECONNREFUSED/) } });
  return child.pid;
}

async function restartApp(killedPid: number) {
  await h.startApp();
  const child = h.appProcess();
  expect(child?.pid).toBeDefined();
  expect(child?.pid).not.toBe(killedPid);
}

/** Every step the engine ran went through once: no attempt was spent on the app being down. */
function expectEachStepRanOnce(run: EngineRun) {
  const ran = run.steps.filter((s) => s.op === "StepRun" || s.op === "Step");
  expect(ran.length).toBeGreaterThan(0);
  expect(ran.filter((s) => s.attempts !== 1).map((s) => `${s.name}: ${s.attempts} attempts`)).toEqual([]);
}

/**
 * SIGKILLs the app the moment Twilio accepts a text whose body matches `body`: the text is out, but
 * the app never hears Twilio's answer, never records the SID and never answers the engine's call.
 * The fake Twilio answers only once the app process is dead (a zombie, or reaped), so the app
 * cannot slip a write in between.
 */
function killAppWhenTwilioAccepts(body: RegExp, timeoutMs = 30_000): Promise<number> {
  const messages = h.twilio.state.messages;
  const push = messages.push.bind(messages);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      messages.push = push;
      reject(new Error(`no text matching ${body} reached Twilio within ${timeoutMs} ms`));
    }, timeoutMs);
    messages.push = (...items) => {
      const count = push(...items);
      if (!items.some((m) => m.direction === "outbound-api" && body.test(m.body))) return count;
      messages.push = push;
      clearTimeout(timer);
      const child = h.appProcess();
      if (!child) return (reject(new Error("the app process was not running when the text went out")), count);
      process.kill(child.pid, "SIGKILL");
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && processAlive(child.pid)) {
        // Spin (bounded): the fake's answer must not leave before the app is dead.
      }
      h.stopApp().then(() => resolve(child.pid), reject);
      return count;
    };
  });
}

/** Linux: alive unless gone from /proc or a zombie (dead, not yet reaped). */
function processAlive(pid: number) {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("the app's process is SIGKILLed while a run waits for the reply", () => {
  // By default Twilio does not redeliver an inbound-SMS webhook that failed (retries are opt-in, by
  // connection overrides or a Fallback URL): a text sent while the app is down is lost to the app
  // until the reconciler's next tick lists it from Twilio (off in this harness; see
  // texts-that-vanish.int.test.ts).
  it("a reply sent while it is down is lost to the app; the next reply, to the new process, continues the run, each text once", async () => {
    const caller = "+13125550801";
    await missedCallWaiting(caller);
    const killedPid = await killApp();

    // Twilio cannot deliver the webhook: the fake reports the failed delivery, the app stores nothing.
    await expect(h.fake("/_fake/sms", { from: caller, to: business, body: "hello? anyone there" })).rejects.toThrow(/fetch failed|ECONNREFUSED/);
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(0);
    expect((await flowRun(caller))?.status).toBe("waiting");

    await restartApp(killedPid);
    const sent = await h.fake<{ status: number }>("/_fake/sms", { from: caller, to: business, body: "emergency: no heat" });
    expect(sent.status).toBe(200);
    await eventually("the run to finish", async () => (await flowRun(caller))?.status === "completed", 45_000, async () => JSON.stringify(await engineRun(caller), null, 2));

    expect(await textsTo(caller)).toEqual([expect.stringMatching(/^Thanks for calling /), expect.stringMatching(/will call you within minutes/)]);
    // Staff were alerted once (in-app: these tenants' staff take no texts).
    expect(await db.notification.count({ where: { clientId, body: { contains: "no heat" } } })).toBe(1);
    const run = (await flowRun(caller))!;
    expect(path(run)).toEqual([
      "trigger:next",
      "cooldown:pass",
      "known-caller:no",
      "text-new:sent",
      "wait-reply:replied",
      "emergency:match",
      "alert-staff:next",
      "emergency-text:sent",
      "create-lead:next",
      "done:",
    ]);
    expect(run.outcome).not.toBeNull();
    expect(run.steps.filter((s) => s.status !== "completed").map((s) => `${s.stepId}: ${s.status}`)).toEqual([]);
    expect(await db.message.count({ where: { toNumber: caller, direction: "outbound" } })).toBe(2);
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(1);
    const engine = (await engineRun(caller))!;
    expect(engine.status).toBe("completed");
    expectEachStepRanOnce(engine);
  }, 120_000);

  it("the wait times out while the app is down: the engine's calls fail unreachable, and the new process takes the run down the timeout branch, each text once", async () => {
    const caller = "+13125550802";
    await missedCallWaiting(caller);
    const killedPid = await killApp();

    // A day passes for the engine: the 24 h wait times out and the engine calls the app, which is not there.
    await h.advanceClock("25h");
    await eventually(
      "the engine to find the app unreachable",
      async () => (await engineRun(caller))?.history.some((e) => /app unreachable \(.*ECONNREFUSED/.test(e.message)),
      15_000,
      async () => JSON.stringify(await engineRun(caller), null, 2),
    );
    expect((await flowRun(caller))?.status).toBe("waiting");

    await restartApp(killedPid);
    await eventually("the run to finish", async () => (await flowRun(caller))?.status === "completed", 60_000, async () => JSON.stringify(await engineRun(caller), null, 2));

    expect(await textsTo(caller)).toEqual([expect.stringMatching(/^Thanks for calling /)]);
    const run = (await flowRun(caller))!;
    expect(path(run)).toEqual(["trigger:next", "cooldown:pass", "known-caller:no", "text-new:sent", "wait-reply:timeout", "create-lead:next", "done:"]);
    expect(run.steps.filter((s) => s.status !== "completed").map((s) => `${s.stepId}: ${s.status}`)).toEqual([]);
    expect(await db.message.count({ where: { toNumber: caller, direction: "outbound" } })).toBe(1);
    const engine = (await engineRun(caller))!;
    expect(engine.status).toBe("completed");
    expectEachStepRanOnce(engine);
  }, 120_000);

  it("killed again mid-step, after Twilio took the text and before the app heard back: the replayed step does not text twice", async () => {
    const caller = "+13125550803";
    await missedCallWaiting(caller);
    const killedPid = await killApp();
    await restartApp(killedPid);

    const killed = killAppWhenTwilioAccepts(/will call you within minutes/);
    await h.fake("/_fake/sms", { from: caller, to: business, body: "urgent: pipe burst" });
    const midStepPid = await killed;
    expect(h.appProcess()).toBeNull();
    await eventually(
      "the engine's call to the app to fail",
      async () => (await engineRun(caller))?.history.some((e) => /app unreachable/.test(e.message)),
      15_000,
      async () => JSON.stringify(await engineRun(caller), null, 2),
    );
    // The app died with the text's row still "sending": it never learnt the SID.
    expect(await db.message.findFirst({ where: { toNumber: caller, body: { contains: "within minutes" } }, select: { status: true, twilioSid: true } })).toEqual({
      status: "sending",
      twilioSid: null,
    });

    await restartApp(midStepPid);
    await eventually("the run to finish", async () => (await flowRun(caller))?.status === "completed", 60_000, async () => JSON.stringify(await engineRun(caller), null, 2));

    // Twilio has the text once; the replayed step found the unknown outcome and did not resend.
    expect(await textsTo(caller)).toEqual([expect.stringMatching(/^Thanks for calling /), expect.stringMatching(/will call you within minutes/)]);
    expect(await db.message.count({ where: { toNumber: caller, direction: "outbound" } })).toBe(2);
    expect(await db.notification.count({ where: { clientId, body: { contains: "pipe burst" } } })).toBe(1);
    const run = (await flowRun(caller))!;
    expect(path(run)).toEqual([
      "trigger:next",
      "cooldown:pass",
      "known-caller:no",
      "text-new:sent",
      "wait-reply:replied",
      "emergency:match",
      "alert-staff:next",
      "emergency-text:failed",
      "create-lead:next",
      "done:",
    ]);
    expect((await engineRun(caller))!.status).toBe("completed");
  }, 120_000);
});
