import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// A run cancelled while its text waits for the send step's next attempt (Twilio answered 5xx):
// Inngest cancels the run, so no attempt follows, and the text must not stay "pending" for ever,
// looking in flight in the contact's thread and missing from Failed sends. Through the real
// webhooks, the local engine (retries an hour apart on its virtual clock, so the run is caught
// between attempts) and the fake Twilio.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

beforeAll(async () => {
  h = await startAppHarness({ retryBaseMs: 3_600_000 });
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 60_000);
afterAll(() => h?.close());

type FakeMessage = { to: string; body: string; direction: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages.filter((m) => m.direction === "outbound-api");
const explainRuns = async () => JSON.stringify(await h.control("/control/runs?limit=5"), null, 1).slice(0, 3000);

/** A missed call whose text Twilio answered 500 once: the run waits an hour for the step's next attempt. */
async function textAwaitingRetry(caller: string) {
  await h.fake("/_fake/inject", { statuses: [500] });
  await h.fake("/_fake/calls", { from: caller, to: business, outcome: "no-answer" });
  return eventually("the text waiting for its next attempt", () => db.message.findFirst({ where: { toNumber: caller, direction: "outbound", status: "pending" } }), 20_000, explainRuns);
}

describe("a run cancelled between its text's attempts", () => {
  it("cancelled by staff: the text is recorded failed ('the run was cancelled'), listed in Failed sends, and never sent by the cancelled run", async () => {
    const caller = "+13125550931";
    const pending = await textAwaitingRetry(caller);
    await t.callers.ops.runs.cancel({ clientId, runId: pending.runId! });

    const settled = await eventually("the text settled", async () => {
      const m = await db.message.findUniqueOrThrow({ where: { id: pending.id } });
      return m.status !== "pending" && m;
    }, 10_000, explainRuns);
    expect(settled).toMatchObject({ status: "failed", outcomeUnknown: false });
    expect(settled.errorMessage).toMatch(/^Not sent: the run was cancelled \(Cancelled by .+\)\./);
    expect((await t.callers.ops.runs.failedSends({ clientId })).map((m) => m.id)).toContain(pending.id);
    // The hour passes: the cancelled run makes no further attempt.
    await h.advanceClock("2h");
    await new Promise((r) => setTimeout(r, 500));
    expect(await textsTo(caller)).toHaveLength(0);
  });

  it("cancelled because the caller texted STOP: the text is recorded blocked (the opt-out), not a failure", async () => {
    const caller = "+13125550932";
    const pending = await textAwaitingRetry(caller);
    await h.fake("/_fake/sms", { from: caller, to: business, body: "STOP" });
    await eventually("the run cancelled", async () => (await db.flowRun.findUniqueOrThrow({ where: { id: pending.runId! } })).status === "cancelled", 10_000, explainRuns);

    const settled = await eventually("the text settled", async () => {
      const m = await db.message.findUniqueOrThrow({ where: { id: pending.id } });
      return m.status !== "pending" && m;
    }, 10_000, explainRuns);
    expect(settled.status).toBe("blocked");
    expect(settled.errorMessage).toMatch(/opted out/);
    expect((await t.callers.ops.runs.failedSends({ clientId })).find((m) => m.id === pending.id)).toMatchObject({ blockedByOptOut: true });
    await h.advanceClock("2h");
    await new Promise((r) => setTimeout(r, 500));
    // Only the STOP confirmation (a TwiML answer) went to them.
    expect((await textsTo(caller)).filter((m) => !/unsubscribed/.test(m.body))).toHaveLength(0);
  });
});
