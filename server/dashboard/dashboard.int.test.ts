import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { eventually, startAppHarness, type AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

beforeAll(async () => {
  h = await startAppHarness();
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Follow-up", starter: "full-follow-up" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 60_000);
afterAll(() => h?.close());

describe("dashboard", () => {
  it("counts the funnel from real runs: two missed calls, both texted, one replies and books", async () => {
    expect((await t.callers.owner.dashboard.client({ clientId })).funnel.map((f) => f.count)).toEqual([0, 0, 0, 0, 0]);
    const booker = "+13125551001";
    const silent = "+13125551002";
    await h.fake("/_fake/calls", { from: booker, to: business, outcome: "no-answer" });
    await h.fake("/_fake/calls", { from: silent, to: business, outcome: "no-answer" });
    await eventually("both runs waiting", async () => (await db.flowRun.count({ where: { status: "waiting" } })) === 2);
    await h.fake("/_fake/sms", { from: booker, to: business, body: "Can you fix a leaking tap?" });
    await eventually("the offer", async () => db.runStep.findFirst({ where: { run: { callerNumber: booker }, kind: "waitForReply", status: "waiting", stepId: { startsWith: "waitForReply:offer" } } }));
    await h.fake("/_fake/sms", { from: booker, to: business, body: "1" });
    await eventually("the booking", async () => db.appointment.findFirst({ where: { clientId } }));
    await eventually("the run to finish", async () => db.flowRun.findFirst({ where: { callerNumber: booker, status: "completed" } }));

    const d = await t.callers.ops.dashboard.client({ clientId });
    expect(d.funnel).toEqual([
      { stage: "Missed calls", count: 2 },
      { stage: "Texted", count: 2 },
      { stage: "Replied", count: 1 },
      { stage: "Leads", count: 1 },
      { stage: "Booked", count: 1 },
    ]);
    expect(d.medianSecondsToFirstText).toBeGreaterThanOrEqual(0);
    expect(d.medianSecondsToFirstText).toBeLessThan(30);
    expect(d.replyRateByFlow).toMatchObject([{ flow: "Follow-up", runs: 2, replied: 1, rate: 0.5 }]);
    // The branches the two real runs took, from their recorded paths (the silent one is still waiting).
    expect(d.replyRateByFlow[0].branches.map((b) => `${b.node} → ${b.branch}: ${b.runs} runs, ${b.replied} replied`)).toEqual([
      "Texted in the last hour? → Go ahead: 2 runs, 1 replied",
      "Known caller? → New caller: 2 runs, 1 replied",
      "New caller text → Sent: 2 runs, 1 replied",
      "Wait for reply → Replied: 1 runs, 1 replied",
      "Emergency? → No match: 1 runs, 1 replied",
      "Offer a visit → Booked: 1 runs, 1 replied",
    ]);
    expect(d.daily.at(-1)).toMatchObject({ missed: 2 });
    // The agency sees the same here (its other clients have nothing); another agency sees nothing.
    const agency = await t.callers.admin.dashboard.agency({});
    expect(agency.funnel[0].count).toBe(2);
    expect(agency.byClient.map((c) => [c.clientName, c.missed, c.texted, c.replied, c.leads, c.booked])).toEqual([
      ["Greenfield Plumbing", 2, 2, 1, 1, 1],
      ["Bright Smiles Dental", 0, 0, 0, 0, 0],
    ]);
    expect((await t.callers.otherAdmin.dashboard.agency({})).funnel[0].count).toBe(0);
  }, 60_000);
});
