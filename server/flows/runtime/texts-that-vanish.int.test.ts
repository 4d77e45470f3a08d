import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// Texts that vanish: Twilio misbehaving the way it does in real life, through the app's real
// webhooks and Inngest functions, the local engine (cron triggers on, clock advanced by hand) and
// the fake Twilio. Every text ends delivered, or as a failure someone can see and retry.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;
const staffMobile = "+13125550942";

beforeAll(async () => {
  h = await startAppHarness({ crons: true });
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.staffContact.create({ data: { clientId, name: "Gus", mobile: staffMobile, notifySms: true } });
}, 60_000);
afterAll(() => h?.close());

type FakeMessage = { sid: string; to: string; from: string; body: string; status: string; direction: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages.filter((m) => m.direction === "outbound-api");
const call = (from: string) => h.fake("/_fake/calls", { from, to: business, outcome: "no-answer" });
const runOf = (caller: string) => db.flowRun.findFirst({ where: { callerNumber: caller }, include: { steps: true } });
const path = (run: { trace: unknown }) => (run.trace as { nodeId: string; handle: string | null }[]).map((e) => `${e.nodeId}:${e.handle ?? ""}`);
const ended = (caller: string) =>
  eventually(`${caller}'s run to end`, async () => {
    const run = await runOf(caller);
    return run && ["completed", "failed", "cancelled"].includes(run.status) ? run : undefined;
  }, 20_000, async () => JSON.stringify(await h.control("/control/runs?limit=5"), null, 1).slice(0, 3000));
const textTo = (caller: string) => db.message.findFirstOrThrow({ where: { toNumber: caller, direction: "outbound" }, orderBy: { createdAt: "asc" } });
const failedSends = () => t.callers.ops.runs.failedSends({ clientId });
/** Moves the engine's clock past the reconciler's next five-minute tick, with texts "stuck" for over five minutes. */
const reconcileNow = async () => {
  const before = (await h.control<{ runs: unknown[] }>("/control/runs?function=reconcile-twilio&status=completed")).runs.length;
  await h.advanceClock("11m");
  await eventually("the reconciler to run", async () => (await h.control<{ runs: unknown[] }>("/control/runs?function=reconcile-twilio&status=completed")).runs.length > before, 15_000);
};

async function publish(starter: "text-back" | "full-follow-up") {
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: starter, starter });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}

describe("a send whose retries run out", () => {
  it("Twilio answers 5xx past the step's last attempt: the text is failed with the reason, listed in Failed sends, the flow takes 'failed', and a retry from there texts it", async () => {
    await publish("text-back");
    const caller = "+13125550901";
    // run-flow has 4 retries: 5 attempts, each answered 500.
    await h.fake("/_fake/inject", { statuses: [500, 500, 500, 500, 500] });
    await call(caller);
    const run = await ended(caller);

    expect(run.status).toBe("completed");
    expect(run.error).toBeNull();
    expect(path(run)).toEqual(["trigger:next", "cooldown:pass", "text-back:failed", "tell-staff:next", "done:"]);
    expect(run.steps.find((s) => s.kind === "sendSms")).toMatchObject({ status: "completed", attempt: 5 });
    const message = await textTo(caller);
    expect(message).toMatchObject({ status: "failed", outcomeUnknown: false });
    expect(message.errorMessage).toMatch(/Twilio answered 500.*last attempt, so the text was not sent/);
    expect(message.errorMessage).not.toMatch(/is retried/);
    expect(await textsTo(caller)).toHaveLength(0);
    // The failed branch told staff (in the app; by text to the staff member who wants texts).
    expect(await db.notification.count({ where: { runId: run.id } })).toBe(1);

    const listed = (await failedSends()).find((m) => m.id === message.id);
    expect(listed?.reason).toMatch(/Twilio answered 500/);
    const retried = await t.callers.ops.runs.retrySend({ clientId, messageId: message.id });
    expect(retried.status).toBe("sent");
    expect(await textsTo(caller)).toHaveLength(1);
    expect((await failedSends()).map((m) => m.id)).not.toContain(message.id);
  });

  it("Twilio refuses connections past the step's last attempt: 'Could not reach Twilio', listed, the flow goes on by 'failed'; a retry once Twilio is back texts it", async () => {
    await publish("full-follow-up");
    const caller = "+13125550910";
    await call(caller);
    await eventually("the run waiting for the reply", async () => (await runOf(caller))?.status === "waiting", 20_000);
    await h.stopTwilio();
    let messageId: string;
    try {
      // The caller's reply comes in (Twilio's webhook, signed as Twilio signs it) while Twilio's API refuses connections.
      const { postSigned } = await import("../../doubles/twilio/messages-api");
      const { env } = await import("../../env");
      const sid = `SM${"a".repeat(31)}1`;
      const answer = await postSigned(`${h.appUrl}/api/twilio/sms`, { MessageSid: sid, SmsSid: sid, AccountSid: env.FAKE_TWILIO_ACCOUNT_SID, From: caller, To: business, Body: "emergency: pipe burst", NumMedia: "0" }, env.FAKE_TWILIO_AUTH_TOKEN);
      expect(answer.status).toBe(200);
      const run = await ended(caller);
      expect(run.status).toBe("completed");
      expect(path(run)).toEqual(expect.arrayContaining(["wait-reply:replied", "alert-staff:next", "emergency-text:failed", "done:"]));
      const message = await db.message.findFirstOrThrow({ where: { toNumber: caller, body: { contains: "within minutes" } } });
      messageId = message.id;
      expect(message).toMatchObject({ status: "failed", outcomeUnknown: false });
      expect(message.errorMessage).toMatch(/^Could not reach Twilio \(ECONNREFUSED\)\. That was the last attempt/);
      expect((await failedSends()).map((m) => m.id)).toContain(message.id);
      // Staff were still told in the app, though their text could not go out either.
      expect(await db.notification.count({ where: { runId: run.id, body: { contains: "pipe burst" } } })).toBe(1);
    } finally {
      await h.startTwilio();
    }
    expect((await t.callers.ops.runs.retrySend({ clientId, messageId })).status).toBe("sent");
    expect((await textsTo(caller)).filter((m) => /within minutes/.test(m.body))).toHaveLength(1);
  });

  it("the connection drops after Twilio took the text: failed as 'Twilio may have it', listed, and Twilio's late callback settles it delivered", async () => {
    await publish("text-back");
    const caller = "+13125550902";
    await h.fake("/_fake/callbacks", { hold: true });
    try {
      await h.fake("/_fake/inject", { statuses: ["reset"] });
      await call(caller);
      const run = await ended(caller);
      expect(path(run)).toEqual(["trigger:next", "cooldown:pass", "text-back:failed", "tell-staff:next", "done:"]);
      // Not retried: resending could text twice.
      expect(run.steps.find((s) => s.kind === "sendSms")?.attempt).toBe(1);
      const message = await textTo(caller);
      expect(message).toMatchObject({ status: "failed", outcomeUnknown: true, twilioSid: null });
      expect(message.errorMessage).toMatch(/^Twilio may have it: /);
      expect((await failedSends()).find((m) => m.id === message.id)).toMatchObject({ outcomeUnknown: true, reason: expect.stringMatching(/^Twilio may have it/) });
      expect(await textsTo(caller)).toHaveLength(1);
    } finally {
      await h.fake("/_fake/callbacks", { hold: false });
    }
    await eventually("the text recorded delivered", async () => (await textTo(caller)).status === "delivered");
    expect(await textTo(caller)).toMatchObject({ outcomeUnknown: false, errorMessage: null });
    expect((await failedSends()).map((m) => m.to)).not.toContain(caller);
  });
});

describe("a carrier's failure after the run took 'sent'", () => {
  it("a 30007 by status callback tells staff (in the app and by text) once, and shows on the run's page", async () => {
    await publish("text-back");
    const caller = "+13125550903";
    await h.fake("/_fake/failures", { to: caller, code: 30007 });
    await call(caller);
    const run = await ended(caller);
    expect(path(run)).toEqual(["trigger:next", "cooldown:pass", "text-back:sent", "done:"]);
    await eventually("the text recorded undelivered", async () => (await textTo(caller)).status === "undelivered");

    const notice = await eventually("staff told in the app", () => db.notification.findFirst({ where: { runId: run.id, title: "A text did not arrive" } }));
    expect(notice.body).toMatch(/did not arrive: 30007: The carrier filtered this text as spam.*call them instead/);
    await eventually("staff told by text", async () => (await textsTo(staffMobile)).some((m) => m.body.includes(caller) && m.body.includes("did not arrive")));
    const detail = await t.callers.ops.runs.get({ clientId, runId: run.id });
    expect(detail.messages.find((m) => m.to === caller)).toMatchObject({ status: "undelivered", lateFailure: true, explanation: expect.stringMatching(/^30007: /) });
    expect((await failedSends()).map((m) => m.to)).toContain(caller);
    // A repeated callback tells nobody twice.
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.notification.count({ where: { runId: run.id, title: "A text did not arrive" } })).toBe(1);
  });
});

describe("the reconciler fetches what Twilio's webhooks missed while the app was down", () => {
  it("status callbacks lost while the app is down: the text is fetched from Twilio and recorded delivered", async () => {
    await publish("text-back");
    const caller = "+13125550904";
    await h.fake("/_fake/callbacks", { hold: true });
    await call(caller);
    await ended(caller);
    expect((await textTo(caller)).status).toBe("queued");
    // The app goes down; Twilio's callbacks go out now and are lost (Twilio does not re-send them).
    await h.stopApp();
    await h.fake("/_fake/callbacks", { hold: false });
    await eventually("Twilio to have delivered it", async () => (await textsTo(caller))[0]?.status === "delivered");
    await new Promise((r) => setTimeout(r, 200));
    await h.startApp();
    expect((await textTo(caller)).status).toBe("queued");

    await reconcileNow();
    expect(await textTo(caller)).toMatchObject({ status: "delivered" });
  });

  it("a carrier failure whose callback was lost is found too, listed in Failed sends, and staff are told", async () => {
    await publish("text-back");
    const caller = "+13125550905";
    await h.fake("/_fake/failures", { to: caller, code: 30003 });
    await h.fake("/_fake/callbacks", { hold: true });
    await call(caller);
    const run = await ended(caller);
    await h.stopApp();
    await h.fake("/_fake/callbacks", { hold: false });
    await eventually("Twilio to have failed it", async () => (await textsTo(caller))[0]?.status === "undelivered");
    await new Promise((r) => setTimeout(r, 200));
    await h.startApp();

    await reconcileNow();
    expect(await textTo(caller)).toMatchObject({ status: "undelivered", errorCode: 30003 });
    expect((await failedSends()).map((m) => m.to)).toContain(caller);
    await eventually("staff told", () => db.notification.findFirst({ where: { runId: run.id, title: "A text did not arrive" } }));
  });

  it("a reply texted while the app is down resumes the waiting run, once", async () => {
    await publish("full-follow-up");
    const caller = "+13125550906";
    await call(caller);
    await eventually("the run waiting for the reply", async () => (await runOf(caller))?.status === "waiting", 20_000);
    await h.stopApp();
    // Twilio cannot deliver the inbound webhook: the app never hears of the text.
    await expect(h.fake("/_fake/sms", { from: caller, to: business, body: "emergency: the basement is flooding" })).rejects.toThrow();
    await h.startApp();
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(0);

    await reconcileNow();
    const run = await ended(caller);
    expect(path(run)).toContain("wait-reply:replied");
    expect(path(run)).toContain("emergency:match");
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(1);
    expect(await db.notification.count({ where: { runId: run.id, body: { contains: "basement is flooding" } } })).toBe(1);

    // The next tick finds the text stored: nothing is taken in twice, no run hears it again.
    await reconcileNow();
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(1);
    expect(await db.notification.count({ where: { runId: run.id, body: { contains: "basement is flooding" } } })).toBe(1);
    expect((await textsTo(caller)).filter((m) => /within minutes/.test(m.body))).toHaveLength(1);
  });

  it("a reply texted at the start of a long outage is found though another caller's text reached the webhook once the app was back", async () => {
    await publish("full-follow-up");
    const caller = "+13125550914";
    const other = "+13125550915";
    await call(caller);
    await eventually("the run waiting for the reply", async () => (await runOf(caller))?.status === "waiting", 20_000);
    await h.stopApp();
    await expect(h.fake("/_fake/sms", { from: caller, to: business, body: "emergency: the boiler is leaking" })).rejects.toThrow();
    // The app stayed down for half an hour after that text (Twilio dates it then); the reconciler's
    // last tick before the outage was ten minutes before it.
    const lost = h.twilio.state.messages.find((m) => m.from === caller && m.direction === "inbound")!;
    lost.dateCreated = new Date(Date.now() - 30 * 60_000).toISOString();
    await db.phoneNumber.update({ where: { e164: business }, data: { inboundReconciledAt: new Date(Date.now() - 40 * 60_000) } });
    await h.startApp();
    // Back up: someone else's text reaches the webhook before the reconciler's next tick.
    await h.fake("/_fake/sms", { from: other, to: business, body: "do you do drains?" });
    expect(await db.message.count({ where: { fromNumber: other, direction: "inbound" } })).toBe(1);

    await reconcileNow();
    expect(await db.message.count({ where: { fromNumber: caller, direction: "inbound" } })).toBe(1);
    const run = await ended(caller);
    expect(path(run)).toContain("wait-reply:replied");
    expect(path(run)).toContain("emergency:match");
  });

  it("a revocation in words texted while the app is down: found by the reconciler, opted out, one confirmation texted (Twilio sends none for it), the waiting run cancelled", async () => {
    await publish("full-follow-up");
    const caller = "+13125550911";
    await call(caller);
    const waiting = await eventually("the run waiting for the reply", async () => {
      const run = await runOf(caller);
      return run?.status === "waiting" && run;
    }, 20_000);
    await h.stopApp();
    await expect(h.fake("/_fake/sms", { from: caller, to: business, body: "please remove me" })).rejects.toThrow();
    await h.startApp();

    await reconcileNow();
    expect(await db.contact.findFirstOrThrow({ where: { clientId, e164: caller } })).toMatchObject({ optedOut: true });
    const cancelled = await eventually("the run cancelled", async () => {
      const run = await runOf(caller);
      return run?.status === "cancelled" && run;
    }, 15_000);
    expect(cancelled.id).toBe(waiting.id);
    const confirmations = async () => (await textsTo(caller)).filter((m) => /^You're unsubscribed from /.test(m.body));
    await eventually("the confirmation texted", async () => (await confirmations()).length === 1, 10_000);
    // Recorded in the contact's thread like any text the app sends.
    expect(await db.message.findFirst({ where: { toNumber: caller, direction: "outbound", body: { startsWith: "You're unsubscribed from " } } })).not.toBeNull();
    // The next tick finds the text stored: no second confirmation.
    await reconcileNow();
    expect(await confirmations()).toHaveLength(1);
    expect((await textsTo(caller)).filter((m) => /one of these times|within minutes/.test(m.body))).toHaveLength(0);
  });

  it("a text whose send outcome was unknown, and whose callbacks were lost, is found in Twilio's list: its SID and delivery recorded", async () => {
    await publish("text-back");
    const caller = "+13125550908";
    await h.fake("/_fake/callbacks", { hold: true });
    await h.fake("/_fake/inject", { statuses: ["reset"] });
    await call(caller);
    await ended(caller);
    expect(await textTo(caller)).toMatchObject({ status: "failed", outcomeUnknown: true, twilioSid: null });
    await h.stopApp();
    await h.fake("/_fake/callbacks", { hold: false });
    await eventually("Twilio to have delivered it", async () => (await textsTo(caller))[0]?.status === "delivered");
    await new Promise((r) => setTimeout(r, 200));
    await h.startApp();
    expect((await textTo(caller)).outcomeUnknown).toBe(true);

    await reconcileNow();
    expect(await textTo(caller)).toMatchObject({ status: "delivered", outcomeUnknown: false, twilioSid: (await textsTo(caller))[0].sid });
    expect((await failedSends()).map((m) => m.to)).not.toContain(caller);
  });

  it("a text whose send outcome was unknown and that Twilio does not have is a plain failure, safe to retry", async () => {
    const caller = "+13125550909";
    const contact = await db.contact.create({ data: { clientId, e164: caller } });
    const message = await db.message.create({
      data: { clientId, contactId: contact.id, direction: "outbound", body: "Sorry we missed you", status: "failed", outcomeUnknown: true, errorMessage: "Twilio may have it: …", fromNumber: business, toNumber: caller },
    });
    await reconcileNow();
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "failed", outcomeUnknown: false, errorMessage: expect.stringMatching(/^Twilio has no record of this text/) });
    expect((await failedSends()).find((m) => m.id === message.id)).toMatchObject({ outcomeUnknown: false });
  });

  it("a text Twilio has no record of (404, code 20404) is recorded failed and listed", async () => {
    const caller = "+13125550907";
    const contact = await db.contact.create({ data: { clientId, e164: caller } });
    const message = await db.message.create({
      data: { clientId, contactId: contact.id, direction: "outbound", body: "Sorry we missed you", status: "sent", twilioSid: `SM${"9".repeat(32)}`, fromNumber: business, toNumber: caller },
    });
    await reconcileNow();
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "failed", errorCode: 20404 });
    expect((await failedSends()).find((m) => m.id === message.id)?.reason).toMatch(/Twilio has no record of this text/);
  });
});
