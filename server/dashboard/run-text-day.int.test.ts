import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { getDashboard } from "./dashboard-service";

// The RunTextDay rollup ("texted" and time to first text) is kept by database triggers (see its
// migration): a run's first text is recorded on FlowRun when a text that went out is written, and
// counted into the rollup by the run's local day and the seconds from its call. These tests write
// texts the way the sender and Twilio's status callbacks do — many at once, some failing after they
// were queued — and compare the rollup and the dashboard with the truth computed from the texts.
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let flowId: string;
let versionId: string;
let phoneNumberId: string;

beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id; // America/Chicago
  ({ id: flowId } = await t.callers.admin.flows.create({ clientId, name: "Text back", starter: "business-hours" }));
  await t.callers.admin.flows.publish({ clientId, flowId, note: null });
  versionId = (await db.flowVersion.findFirstOrThrow({ where: { flowId } })).id;
  phoneNumberId = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).id;
}, 30_000);

const WENT_OUT = new Set(["queued", "sending", "sent", "delivered"]);
const at = (ms: number) => new Date(Date.parse("2026-03-10T15:00:00.000Z") + ms);

/** The exact figures, from the runs' calls and texts as they are now. */
async function truth() {
  const runs = await db.flowRun.findMany({ where: { flowId } });
  const calls = new Map((await db.call.findMany({ where: { clientId } })).map((c) => [c.callSid, c.createdAt.getTime()]));
  const texts = await db.message.findMany({ where: { runId: { in: runs.map((r) => r.id) }, direction: "outbound" } });
  const seconds: number[] = [];
  let texted = 0;
  for (const r of runs) {
    const sent = texts.filter((m) => m.runId === r.id && WENT_OUT.has(m.status)).map((m) => m.createdAt.getTime());
    if (!sent.length) continue;
    texted++;
    const call = calls.get(r.triggerEventId);
    if (call !== undefined) seconds.push((Math.min(...sent) - call) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const median = seconds.length ? (seconds[Math.floor((seconds.length - 1) / 2)] + seconds[Math.ceil((seconds.length - 1) / 2)]) / 2 : null;
  return { texted, median };
}

async function rollup() {
  const rows = await db.runTextDay.findMany({ where: { clientId }, orderBy: [{ day: "asc" }, { tenths: "asc" }] });
  return rows.filter((r) => r.runs !== 0).map((r) => [r.day.toISOString().slice(0, 10), r.tenths, r.runs]);
}

const dashboard = () => getDashboard({ clientIds: [clientId], days: 1, now: new Date("2026-03-10T18:00:00Z") });

describe("the time-to-first-text rollup", () => {
  it("counts each run's first text that went out exactly once when texts and status callbacks are written concurrently", async () => {
    const plans = Array.from({ length: 30 }, (_, i) => ({
      call: i % 10 !== 9, // a few runs that no call started: texted, but no time to first text
      // Each run's texts: ms after its call, and whether the text later fails (undelivered).
      texts: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ ms: 800 + ((i * 137 + k * 611) % 4000), fails: (i + k) % 3 === 0 })),
    }));
    await Promise.all(
      plans.map(async (plan, i) => {
        const sid = `CAtext${i}`;
        if (plan.call) {
          await db.call.create({ data: { clientId, phoneNumberId, callSid: sid, fromNumber: "+13125551001", toNumber: "+13125550100", status: "completed", missed: true, createdAt: at(i * 1000) } });
        }
        const run = await db.flowRun.create({ data: { clientId, flowId, flowVersionId: versionId, triggerEventId: sid, status: "running", startedAt: at(i * 1000 + 200) } });
        await Promise.all(
          plan.texts.map(async (text) => {
            const m = await db.message.create({
              data: { clientId, runId: run.id, direction: "outbound", body: "Sorry we missed you", status: "queued", fromNumber: "+13125550100", toNumber: "+13125551001", createdAt: at(i * 1000 + text.ms) },
            });
            // Status callbacks: sent, then delivered — or the carrier refuses it after it was queued.
            for (const status of text.fails ? (["sending", "undelivered"] as const) : (["sent", "delivered"] as const)) {
              await db.message.update({ where: { id: m.id }, data: { status } });
            }
          }),
        );
      }),
    );
    // An inbound reply and a text without a run change nothing.
    await db.message.create({ data: { clientId, direction: "inbound", body: "ok", status: "received", fromNumber: "+13125551001", toNumber: "+13125550100", createdAt: at(1000) } });
    await db.message.create({ data: { clientId, direction: "outbound", body: "hi", status: "sent", fromNumber: "+13125550100", toNumber: "+13125551001", createdAt: at(1000) } });

    const expected = await truth();
    expect(expected.texted).toBeGreaterThan(10); // the plan leaves some runs with no text that went out
    const d = await dashboard();
    expect(d.funnel.find((f) => f.stage === "Texted")?.count).toBe(expected.texted);
    // Below two minutes the rollup keeps tenths of a second: the median is exact to the tenth.
    expect(d.medianSecondsToFirstText).not.toBeNull();
    expect(Math.abs(d.medianSecondsToFirstText! - expected.median!)).toBeLessThanOrEqual(0.05 + 1e-9);
    // Every run's first text is on the run: the earliest of its texts that went out.
    for (const r of await db.flowRun.findMany({ where: { flowId } })) {
      const sent = await db.message.findMany({ where: { runId: r.id, direction: "outbound", status: { in: ["queued", "sending", "sent", "delivered"] } }, orderBy: { createdAt: "asc" }, take: 1 });
      expect(r.firstTextAt?.toISOString() ?? null).toBe(sent[0]?.createdAt.toISOString() ?? null);
    }
    // Missed calls and texts per local day (the ActivityDay rollup): every call above was missed.
    const day = d.daily.find((x) => x.day === "2026-03-10");
    expect(day).toEqual({ day: "2026-03-10", missed: plans.filter((p) => p.call).length, texts: await db.message.count({ where: { clientId, direction: "outbound" } }) });
    const rows = await rollup();
    expect(rows.every(([day]) => day === "2026-03-10")).toBe(true);
    expect(rows.reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(expected.texted);
    // Runs that no call started count as texted, under -1: no time to first text.
    const withoutCall = await textedWithoutCall();
    expect(withoutCall).toBeGreaterThan(0);
    expect(rows.filter(([, tenths]) => tenths === -1).reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(withoutCall);
  });

  it("takes a deleted run's or text's count with it, and the rebuild comes to the same numbers", async () => {
    const runs = await db.flowRun.findMany({ where: { flowId, firstTextAt: { not: null } }, orderBy: { triggerEventId: "asc" } });
    await Promise.all(runs.slice(0, 5).map((r) => db.flowRun.delete({ where: { id: r.id } })));
    // Deleting a run's first text moves it to its next text that went out (or out of "texted").
    const first = await db.message.findFirstOrThrow({ where: { runId: runs[6].id, createdAt: runs[6].firstTextAt! } });
    await db.message.delete({ where: { id: first.id } });
    const expected = await truth();
    const d = await dashboard();
    expect(d.funnel.find((f) => f.stage === "Texted")?.count).toBe(expected.texted);
    expect(Math.abs(d.medianSecondsToFirstText! - expected.median!)).toBeLessThanOrEqual(0.05 + 1e-9);
    const kept = await rollup();
    expect(kept.reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(expected.texted);
    await db.$executeRaw`SELECT "run_branch_day_rebuild"()`;
    expect(await rollup()).toEqual(kept);
  });
});

async function textedWithoutCall() {
  const runs = await db.flowRun.findMany({ where: { flowId, firstTextAt: { not: null } } });
  const calls = new Set((await db.call.findMany({ where: { clientId } })).map((c) => c.callSid));
  return runs.filter((r) => !calls.has(r.triggerEventId)).length;
}
