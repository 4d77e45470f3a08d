import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";

// History written before one flow answered each call (and before the rollups' triggers existed):
// two live flows both ran for one missed call and both texted the caller. The dashboard's funnel
// counts callers reached per missed call, so that call is one missed call and one caller texted —
// never "Texted 2" over "Missed calls 1" (the funnel bar drawn at 200% width).

let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let flows: { id: string; versionId: string }[];

beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id;
  flows = [];
  for (const name of ["Missed-call follow-up", "Business hours aware"]) {
    const { id } = await t.callers.owner.flows.create({ clientId, name, starter: "text-back" });
    await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
    flows.push({ id, versionId: (await db.flow.findUniqueOrThrow({ where: { id } })).activeVersionId! });
  }
});

/** One missed call an hour ago whose runs (one per flow given) each texted the caller, written with no trigger firing. */
async function oldCall(callSid: string, caller: string, runsOf: typeof flows) {
  const number = await db.phoneNumber.findFirstOrThrow({ where: { clientId } });
  const at = new Date(Date.now() - 60 * 60_000);
  await db.$transaction(async (tx) => {
    // What a bulk load or the rows from before the rollup migration look like: no row triggers ran.
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.call.create({ data: { clientId, phoneNumberId: number.id, callSid, fromNumber: caller, toNumber: number.e164, status: "missed", missed: true, reason: "no-answer", createdAt: at } });
    for (const [i, flow] of runsOf.entries()) {
      const run = await tx.flowRun.create({
        data: { clientId, flowId: flow.id, flowVersionId: flow.versionId, triggerEventId: callSid, callerNumber: caller, status: "completed", startedAt: at },
      });
      await tx.message.create({
        data: { clientId, direction: "outbound", body: `Text ${i + 1}`, status: "delivered", fromNumber: number.e164, toNumber: caller, runId: run.id, nodeId: "text", createdAt: new Date(at.getTime() + (i + 2) * 1000) },
      });
    }
  });
}

describe("the dashboard on history from before one flow per call", () => {
  it("counts a call that two flows texted as one caller texted, after the rollups are rebuilt from it", async () => {
    await oldCall("CAold00000000000000000000000000001", "+13125559001", flows);
    await oldCall("CAold00000000000000000000000000002", "+13125559002", flows.slice(0, 1));
    await db.$executeRaw`SELECT run_branch_day_rebuild()`;

    const d = await t.callers.owner.dashboard.client({ clientId });
    expect(d.funnel.slice(0, 2)).toEqual([
      { stage: "Missed calls", count: 2 },
      { stage: "Texted", count: 2 },
    ]);
    // The time to first text is the call's first text (2 s after it), not the second flow's.
    expect(d.medianSecondsToFirstText).toBe(2);
    // Per flow, each flow's own runs still count.
    expect(d.replyRateByFlow.map((f) => [f.flow, f.runs]).sort()).toEqual([
      ["Business hours aware", 1],
      ["Missed-call follow-up", 2],
    ]);
  });
});
