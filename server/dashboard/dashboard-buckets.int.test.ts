import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { getDashboard } from "./dashboard-service";

// Rows written the way the webhooks and the run recorder write them (Call, FlowRun with its trace,
// RunStep, Message), at chosen instants, so the local-day and branch arithmetic can be checked exactly.
let t: Awaited<ReturnType<typeof createTenants>>;
let seq = 0;

async function missedCall(clientId: string, at: string) {
  const phone = await db.phoneNumber.findFirstOrThrow({ where: { clientId } });
  return db.call.create({
    data: { clientId, phoneNumberId: phone.id, callSid: `CA${++seq}`, fromNumber: "+13125557000", toNumber: phone.e164, status: "completed", dialStatus: "no-answer", missed: true, createdAt: new Date(at) },
  });
}

beforeAll(async () => {
  t = await createTenants();
}, 30_000);

describe("the daily chart counts each client's own calendar day", () => {
  // 10 March 2026, 15:00 UTC: 10:00 in Chicago (CDT, UTC-5) and 11:00 in New York (EDT, UTC-4).
  const now = new Date("2026-03-10T15:00:00Z");

  it("puts a call at 03:00 UTC on the 10th on the 9th in Chicago, and keeps the window to Chicago's last 7 days", async () => {
    const greenfield = t.clients.greenfield.id; // America/Chicago
    await missedCall(greenfield, "2026-03-10T03:00:00Z"); // 22:00 on the 9th in Chicago
    await missedCall(greenfield, "2026-03-10T14:00:00Z"); // 09:00 on the 10th
    await missedCall(greenfield, "2026-03-04T06:30:00Z"); // 00:30 on the 4th (CST, UTC-6): the window's first day
    await missedCall(greenfield, "2026-03-04T05:30:00Z"); // 23:30 on the 3rd: before the window
    await missedCall(greenfield, "2026-03-11T05:30:00Z"); // 00:30 on the 11th: tomorrow there, after the window

    const d = await getDashboard({ clientIds: [greenfield], days: 7, now });
    expect(d.daily.map((x) => x.day)).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(Object.fromEntries(d.daily.filter((x) => x.missed).map((x) => [x.day, x.missed]))).toEqual({ "2026-03-04": 1, "2026-03-09": 1, "2026-03-10": 1 });
    expect(d.funnel[0]).toEqual({ stage: "Missed calls", count: 3 });
  });

  it("buckets every client of an agency by its own timezone", async () => {
    const bright = t.clients.bright.id; // America/New_York
    await missedCall(bright, "2026-03-10T03:30:00Z"); // 23:30 on the 9th in New York
    await missedCall(bright, "2026-03-10T04:30:00Z"); // 00:30 on the 10th in New York (still the 9th in Chicago)

    const d = await getDashboard({ clientIds: [t.clients.greenfield.id, bright], days: 7, now });
    const byDay = Object.fromEntries(d.daily.map((x) => [x.day, x.missed]));
    expect(byDay["2026-03-09"]).toBe(2); // Greenfield 22:00 + Bright 23:30
    expect(byDay["2026-03-10"]).toBe(2); // Greenfield 09:00 + Bright 00:30
    expect(d.byClient.map((c) => [c.clientName, c.missed])).toEqual([
      ["Greenfield Plumbing", 3],
      ["Bright Smiles Dental", 2],
    ]);
  });
});

describe("reply rate by branch", () => {
  it("shows, per flow, how many runs took each way out of a node and how many of them replied", async () => {
    const clientId = t.clients.bright.id;
    const { id: flowId } = await t.callers.admin.flows.create({ clientId, name: "After-hours text back", starter: "business-hours" });
    await t.callers.admin.flows.publish({ clientId, flowId, note: null });
    const version = await db.flowVersion.findFirstOrThrow({ where: { flowId } });
    const at = new Date();
    const event = (nodeId: string, kind: string, name: string, handle: string | null) => ({ nodeId, kind, name, handle, visit: 1, at: at.toISOString() });
    // 5 runs after hours (3 replied), 2 while open (none replied), 1 whose text failed after hours.
    const runs = [
      ...Array.from({ length: 5 }, (_, i) => ({ hours: "closed", text: "sent", replied: i < 3 })),
      ...Array.from({ length: 2 }, () => ({ hours: "open", text: "sent", replied: false })),
      { hours: "closed", text: "failed", replied: false },
    ];
    for (const [i, r] of runs.entries()) {
      const run = await db.flowRun.create({
        data: {
          clientId, flowId, flowVersionId: version.id, triggerEventId: `CAbranch${i}`, callerNumber: "+12125557000", status: "completed", startedAt: at,
          trace: [
            event("trigger", "trigger.missedCall", "Missed call", "next"),
            event("hours", "condition.businessHours", "Open now?", r.hours),
            r.hours === "closed" ? event("after-hours", "action.sendSms", "After-hours text", r.text) : event("call-back", "action.sendSms", "We'll call back", r.text),
            event("done", "end", "Done", null),
          ],
        },
      });
      await db.runStep.create({
        data: {
          runId: run.id, stepId: "waitForReply:wait", nodeId: "wait", kind: "waitForReply", status: "completed",
          output: { reply: r.replied ? { body: "yes please", at: at.toISOString() } : null, at: at.toISOString() },
        },
      });
    }

    const d = await t.callers.admin.dashboard.client({ clientId });
    const flow = d.replyRateByFlow.find((f) => f.flowId === flowId)!;
    expect(flow).toMatchObject({ flow: "After-hours text back", runs: 8, replied: 3, rate: 3 / 8 });
    expect(flow.branches.map((b) => [b.node, b.branch, b.runs, b.replied, b.rate])).toEqual([
      ["Open now?", "Open", 2, 0, 0],
      ["Open now?", "Closed", 6, 3, 0.5],
      ["After-hours text", "Sent", 5, 3, 0.6],
      ["After-hours text", "Failed", 1, 0, 0],
      ["We'll call back", "Sent", 2, 0, 0],
    ]);
    // Another tenant's dashboard knows nothing of these runs.
    expect((await t.callers.otherAdmin.dashboard.agency({})).replyRateByFlow).toEqual([]);
  });
});
