import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// From a phone call on the fake Twilio, through the app's real webhooks, Inngest functions and the
// local engine, to the texts the fake Twilio receives. Nothing inside the app is mocked.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;
const staffMobile = "+13125550142";

beforeAll(async () => {
  h = await startAppHarness();
  // Loaded after the harness set PUBLIC_BASE_URL & co.: the app's modules read them once.
  const tenants = await import("../../testing/tenants");
  t = await tenants.createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.staffContact.create({ data: { clientId, name: "Gus", mobile: staffMobile, notifySms: true } });
}, 60_000);
afterAll(() => h?.close());

type FakeMessage = { sid: string; to: string; from: string; body: string; status: string; direction: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;
const call = (from: string, outcome = "no-answer", voicemail?: string, hangUpAt?: "ringing" | "greeting") =>
  h.fake<{ sid: string; steps: { status: number }[] }>("/_fake/calls", { from, to: business, outcome, voicemail, hangUpAt });
const text = (from: string, body: string) => h.fake("/_fake/sms", { from, to: business, body });
const runsOf = (caller: string) => db.flowRun.findMany({ where: { callerNumber: caller }, include: { steps: true }, orderBy: { startedAt: "asc" } });
const runFinished = async (caller: string, status = "completed") => eventually(`a ${status} run for ${caller}`, async () => (await runsOf(caller)).find((r) => r.status === status));
type EngineRun = { event: { data: { runId: string; contact: { e164: string } } }; steps: { name: string; status: string; output: unknown }[] };
async function engineRunOf(caller: string): Promise<EngineRun> {
  const { runs } = await h.control<{ runs: { id: string }[] }>("/control/runs?event=flow/run.start");
  const details = await Promise.all(runs.map((r) => h.control<EngineRun>(`/control/runs/${r.id}`)));
  return details.find((d) => d.event.data.contact.e164 === caller)!;
}
const explainRuns = async () => JSON.stringify(await h.control("/control/runs"), null, 1).slice(0, 4000);

async function publishStarter(starter: "text-back" | "business-hours" | "full-follow-up") {
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: starter, starter });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
  return id;
}

describe("text back every missed call", () => {
  beforeEach(() => publishStarter("text-back"));

  it("an unanswered call produces exactly one text, and run history records every step", async () => {
    const caller = "+13125550201";
    const placed = await call(caller);
    // voice, dial result, and the call's status callback when it ends.
    expect(placed.steps.map((s) => s.status)).toEqual([200, 200, 200]);
    const run = await runFinished(caller);
    const texts = await textsTo(caller);
    expect(texts).toHaveLength(1);
    // The first text names the business (the template signs it) and says how to opt out.
    expect(texts[0].body).toMatch(/^Hi there, sorry we missed your call!.* - Greenfield Plumbing Reply STOP to opt out\.$/);
    expect(run.steps.map((s) => [s.kind, s.status])).toEqual([["claimCooldown", "completed"], ["sendSms", "completed"]]);
    expect((run.trace as { nodeId: string }[]).length).toBeGreaterThanOrEqual(2);
    // The delivery status arrives by signed callback and moves the Message forward.
    await eventually("the text delivered", async () => (await db.message.findFirst({ where: { toNumber: caller, status: "delivered" } })) ?? undefined);
  });

  it("one engine hop per missed call: the webhook starts the run, which texts in a single serve call with no setup step", async () => {
    const caller = "+13125550291";
    const placed = await call(caller);
    const run = await runFinished(caller);
    const { runs } = await h.control<{ runs: { id: string; eventId: string; functionId: string }[] }>("/control/runs");
    const ofCall = runs.filter((r) => r.eventId.startsWith(placed.sid));
    // Only the flow's own run: no `call/missed` → `start-runs` invocation in between.
    expect(ofCall.map((r) => r.eventId)).toEqual([`${placed.sid}:${run.flowId}`]);
    const engineRun = await h.control<{ calls: number; steps: { name: string }[] }>(`/control/runs/${ofCall[0].id}`);
    expect(engineRun.steps.map((s) => s.name)).not.toContain("load-run");
    expect(engineRun.calls).toBe(1);
  });

  it("a caller who hangs up while it rings, before the business answers, is texted once", async () => {
    const caller = "+13125550209";
    const placed = await call(caller, "no-answer", undefined, "ringing");
    // voice, then straight to the call's status callback: no <Dial> result came.
    expect(placed.steps.map((s) => s.status)).toEqual([200, 200]);
    await eventually("the unfinished call noticed", async () => (await h.control<{ runs: { eventId: string }[] }>("/control/runs?event=call/ended")).runs.some((r) => r.eventId === `ended:${placed.sid}`));
    await h.advanceClock("1m");
    await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    expect(await db.call.findFirstOrThrow({ where: { fromNumber: caller } })).toMatchObject({ status: "missed", reason: "no-answer", missed: true });
  });

  it("an answered call texts nobody", async () => {
    const caller = "+13125550202";
    await call(caller, "completed");
    await new Promise((r) => setTimeout(r, 500));
    expect(await runsOf(caller)).toHaveLength(0);
    expect(await textsTo(caller)).toHaveLength(0);
  });

  it("the same webhook delivered 5 times: one run, one text", async () => {
    const caller = "+13125550203";
    const placed = await call(caller);
    const dial = (await h.fake<{ calls: { sid: string; steps: { request: string }[] }[] }>("/_fake/calls")).calls.find((c) => c.sid === placed.sid)!;
    const { default: twilio } = await import("twilio");
    const params = { CallSid: placed.sid, AccountSid: "AC00000000000000000000000000000000", From: caller, To: business, CallStatus: "in-progress", DialCallStatus: "no-answer" };
    const url = dial.steps[1].request;
    for (let i = 0; i < 4; i++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature("fake-twilio-auth-token", url, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(200);
    }
    await runFinished(caller);
    await new Promise((r) => setTimeout(r, 500));
    expect(await runsOf(caller)).toHaveLength(1);
    expect(await textsTo(caller)).toHaveLength(1);
  });

  it("Twilio answers 429, then 500, then 201: one text", async () => {
    const caller = "+13125550204";
    await h.fake("/_fake/inject", { statuses: [429, 500] });
    await call(caller);
    const run = await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    expect(run.steps.find((s) => s.kind === "sendSms")?.attempt).toBe(3);
  });

  it("Twilio answers 21610: no retry, the contact is opted out, the step failed with the reason", async () => {
    const caller = "+13125550205";
    await h.fake("/_fake/failures", { to: caller, code: 21610 });
    await call(caller);
    const run = await eventually("the run to end", async () => (await runsOf(caller)).find((r) => r.status !== "running"), 15_000, explainRuns);
    const message = await db.message.findFirstOrThrow({ where: { toNumber: caller } });
    expect(message).toMatchObject({ status: "failed", errorCode: 21610 });
    expect(message.errorMessage).toMatch(/unsubscribed/);
    expect((await db.contact.findFirstOrThrow({ where: { e164: caller } })).optedOut).toBe(true);
    expect(run.steps.find((s) => s.kind === "sendSms")?.attempt).toBe(1);
    // The run whose text was refused takes its "failed" branch; only the contact's other runs are cancelled.
    expect(run.status).not.toBe("cancelled");
    expect(await db.auditEvent.findFirst({ where: { clientId, action: "contact.optOut", targetId: caller } })).not.toBeNull();
  });

  it("a contact who replied STOP is never texted by a flow again", async () => {
    const caller = "+13125550206";
    await text(caller, "STOP");
    expect((await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } })).optedOut).toBe(true);
    await call(caller);
    await eventually("the run to end", async () => (await runsOf(caller)).find((r) => r.status !== "running"));
    const outbound = (await textsTo(caller)).filter((m) => !m.body.startsWith("You're unsubscribed"));
    expect(outbound).toHaveLength(0);
    expect(await db.message.findFirst({ where: { toNumber: caller, direction: "outbound", status: "blocked" } })).not.toBeNull();
  });

  it("publishing version 2 does not change a run that started on version 1", async () => {
    const flowId = await publishStarter("text-back");
    const v1 = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    const caller = "+13125550207";
    await call(caller);
    const draft = await t.callers.owner.flows.get({ clientId, flowId });
    const edited = {
      ...draft.graph,
      nodes: draft.graph.nodes.map((n) => (n.kind === "action.sendSms" ? { ...n, config: { ...n.config, template: "Version two says hello from {{business.name}}" } } : n)),
    };
    await t.callers.owner.flows.saveDraft({ clientId, flowId, graph: edited, baseRevision: draft.revision });
    await t.callers.owner.flows.publish({ clientId, flowId, note: "v2" });
    const run = await runFinished(caller);
    expect(run.flowVersionId).toBe(v1.activeVersionId);
    expect((await textsTo(caller))[0].body).toMatch(/sorry we missed your call/);
    const next = "+13125550208";
    await call(next);
    await runFinished(next);
    expect((await textsTo(next))[0].body).toMatch(/Version two says hello/);
  });
});

describe("numbers that take voicemail", () => {
  beforeEach(async () => {
    await publishStarter("text-back");
    await db.phoneNumber.updateMany({ where: { clientId }, data: { voicemailEnabled: true } });
  });
  afterAll(() => db.phoneNumber.updateMany({ where: { clientId }, data: { voicemailEnabled: false } }));

  it("a caller who leaves a voicemail is texted once, and the transcript reaches the run", async () => {
    const caller = "+13125550221";
    await call(caller, "no-answer", "Hi, my water heater is leaking");
    const run = await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    const callRow = await db.call.findFirstOrThrow({ where: { fromNumber: caller } });
    expect(callRow).toMatchObject({ reason: "voicemail", transcript: "Hi, my water heater is leaking", missed: true });
    expect(run.triggerEventId).toBe(callRow.callSid);
  });

  it("a caller who hangs up at the voicemail prompt is still texted", async () => {
    const caller = "+13125550222";
    await call(caller, "busy");
    await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    expect(await db.call.findFirstOrThrow({ where: { fromNumber: caller } })).toMatchObject({ reason: "busy", transcript: null });
  });

  it("a transcript that arrives after the transcript wait is not lost: run history and the inbox show it", async () => {
    const caller = "+13125550224";
    const placed = await h.fake<{ sid: string }>("/_fake/calls", { from: caller, to: business, outcome: "no-answer", voicemail: "late words", transcribe: false });
    await eventually("the voicemail recorded", async () => (await db.call.findFirst({ where: { fromNumber: caller } }))?.voicemailUrl);
    await eventually("the transcript wait", async () => (await h.control<{ runs: unknown[] }>("/control/runs?event=call/voicemail.recorded")).runs.length > 0);
    await h.advanceClock("3m");
    const run = await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    // Twilio's transcription comes now, after the flow started without it.
    const { default: twilio } = await import("twilio");
    const url = `${h.appUrl}/api/twilio/voicemail?event=transcribed`;
    const params = { CallSid: placed.sid, AccountSid: "AC00000000000000000000000000000000", TranscriptionStatus: "completed", TranscriptionText: "Hi, the boiler is leaking" };
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature("fake-twilio-auth-token", url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    const history = await t.callers.ops.runs.get({ clientId, runId: run.id });
    expect(history.call).toMatchObject({ callSid: placed.sid, reason: "voicemail", transcript: "Hi, the boiler is leaking" });
    const contact = await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } });
    const thread = await t.callers.ops.inbox.thread({ clientId, contactId: contact.id });
    expect(thread.calls[0]).toMatchObject({ reason: "voicemail", transcript: "Hi, the boiler is leaking" });
    // The run is not re-decided: it texted once and stays finished.
    expect(await textsTo(caller)).toHaveLength(1);
  });

  it("a caller who hangs up during the voicemail greeting, before the tone, is still texted once", async () => {
    const caller = "+13125550223";
    const placed = await call(caller, "no-answer", undefined, "greeting");
    // No <Record> ran, so Twilio requested no recording action: only the call's status callback tells.
    expect(placed.steps.map((s) => s.status)).toEqual([200, 200, 200]);
    // The text waits out the grace for a recording that might still arrive; the clock is moved.
    await eventually("the unfinished call noticed", async () => (await h.control<{ runs: { eventId: string }[] }>("/control/runs?event=call/ended")).runs.some((r) => r.eventId === `ended:${placed.sid}`));
    await h.advanceClock("1m");
    await runFinished(caller);
    expect(await textsTo(caller)).toHaveLength(1);
    expect(await db.call.findFirstOrThrow({ where: { fromNumber: caller } })).toMatchObject({ status: "missed", reason: "no-answer", missed: true });
  });
});

describe("full follow-up", () => {
  beforeEach(() => publishStarter("full-follow-up"));

  it("the caller replies EMERGENCY: staff are texted at once and the caller is told", async () => {
    const caller = "+13125550211";
    await call(caller);
    await eventually("the first text", async () => (await textsTo(caller)).length === 1);
    await eventually("the run waiting for the reply", async () => (await runsOf(caller)).find((r) => r.status === "waiting"));
    await text(caller, "Emergency! water everywhere");
    await runFinished(caller);
    const staff = await textsTo(staffMobile);
    expect(staff.some((m) => m.body.includes("water everywhere"))).toBe(true);
    expect((await textsTo(caller)).at(-1)!.body).toMatch(/someone from Greenfield Plumbing will call you within minutes/);
  });

  /**
   * Calls, and texts `body` back the first time `moment()` holds just before the engine reads one
   * of the app's answers; resolves with the finished run once the reply has been sent.
   */
  async function callAndReplyAt(caller: string, body: string, moment: () => Promise<boolean>) {
    let replied = false;
    h.beforeInngestAnswer(async () => {
      if (replied || !(await moment())) return;
      replied = true;
      await text(caller, body);
    });
    try {
      await call(caller);
      // The engine's clock does not move: only the reply itself can end the 24-hour wait.
      const run = await runFinished(caller);
      expect(replied).toBe(true);
      expect(run.steps.find((s) => s.kind === "waitForReply")?.output).toMatchObject({ reply: { body } });
      expect((await textsTo(caller)).at(-1)!.body).toMatch(/will call you within minutes/);
      return run;
    } finally {
      h.beforeInngestAnswer(null);
    }
  }

  it("a reply that arrives just after the run is recorded waiting continues the run at once, not after the wait's timeout", async () => {
    const caller = "+13125550215";
    // When run history first says "waiting", before the engine reads the app's next answer: the
    // moment between recording the wait and the engine holding it.
    await callAndReplyAt(caller, "EMERGENCY, pipe burst", async () => (await runsOf(caller)).some((r) => r.status === "waiting"));
  });

  it("a reply that lands between the text and the start of the wait is read from the inbox", async () => {
    const caller = "+13125550216";
    // Once the text is out, before the engine reads the answer that asks it to wait.
    await callAndReplyAt(caller, "emergency, no hot water", async () => !!(await db.message.findFirst({ where: { toNumber: caller, direction: "outbound", twilioSid: { not: null } } })));
    // It was the inbox that saw it: the event came before the engine held the wait.
    const engineRun = await engineRunOf(caller);
    expect(engineRun.steps.find((s) => s.name === "inbox:waitForReply:wait-reply")?.output).toMatchObject({ body: "emergency, no hot water" });
  });

  it("a caller who never replies: after 24 hours the run moves on (the clock is moved, not waited)", async () => {
    const caller = "+13125550212";
    await call(caller);
    await eventually("the run waiting for the reply", async () => (await runsOf(caller)).find((r) => r.status === "waiting"), 15_000, explainRuns);
    await h.advanceClock("25h");
    await eventually("the run to leave the reply wait", async () => {
      const run = (await runsOf(caller))[0];
      return run.steps.some((s) => s.kind === "waitForReply" && s.status === "completed") ? run : undefined;
    }, 15_000, explainRuns);
    // The wait's result is recorded by the step after it, the one that creates the lead.
    await eventually("the lead", async () => (await db.lead.count({ where: { clientId, contact: { e164: caller } } })) === 1, 15_000, explainRuns);
    const run = (await runsOf(caller))[0];
    expect(run.steps.find((s) => s.kind === "waitForReply")?.output).toMatchObject({ reply: null });
  });

  it("Twilio answers 21610 to a staff reply while the run waits: the contact is opted out and the waiting run cancelled", async () => {
    const caller = "+13125550214";
    await call(caller);
    const waiting = await eventually("the run waiting for the reply", async () => (await runsOf(caller)).find((r) => r.status === "waiting"));
    await h.fake("/_fake/failures", { to: caller, code: 21610 });
    const contact = await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } });
    const result = await t.callers.ops.inbox.reply({ clientId, contactId: contact.id, body: "Still need help?", requestId: crypto.randomUUID() });
    expect(result).toMatchObject({ status: "failed", code: 21610 });
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).optedOut).toBe(true);
    const cancelled = await runFinished(caller, "cancelled");
    expect(cancelled.id).toBe(waiting.id);
    expect(cancelled.error).toMatch(/opted out \(Twilio 21610/);
    await eventually("Inngest to cancel the function run", async () => {
      const { runs } = await h.control<{ runs: { id: string }[] }>("/control/runs?status=cancelled&event=flow/run.start");
      const details = await Promise.all(runs.map((r) => h.control<{ event: { data: { runId: string } } }>(`/control/runs/${r.id}`)));
      return details.some((d) => d.event.data.runId === waiting.id);
    }, 15_000, explainRuns);
  });

  it("STOP while the run waits for a reply cancels it", async () => {
    const caller = "+13125550213";
    await call(caller);
    await eventually("the run waiting for the reply", async () => (await runsOf(caller)).find((r) => r.status === "waiting"));
    await text(caller, "stop");
    await runFinished(caller, "cancelled");
    await eventually("Inngest to cancel the function run", async () => {
      const { runs } = await h.control<{ runs: { status: string; functionId?: string }[] }>("/control/runs?status=cancelled");
      return runs.length > 0;
    });
  });
});
