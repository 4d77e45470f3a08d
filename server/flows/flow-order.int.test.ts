import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { createRunsForMissedCall } from "./runtime/start-runs";

let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id;
});

const call = (callSid: string) => ({ clientId, callSid, from: "+13125550177", to: "+13125550100", reason: "no-answer" as const, at: new Date().toISOString() });
const runsFor = async (callSid: string) => (await createRunsForMissedCall(call(callSid))).runs;

describe("two live flows on the same number", () => {
  it("one missed call starts one run: the first flow in the order; publishing the second says it overlaps; reordering hands calls over", async () => {
    const followUp = await t.callers.owner.flows.create({ clientId, name: "Missed-call follow-up", starter: "full-follow-up" });
    const first = await t.callers.owner.flows.publish({ clientId, flowId: followUp.id, note: null });
    expect(first.overlaps).toEqual([]);

    const hours = await t.callers.owner.flows.create({ clientId, name: "Business hours aware", starter: "business-hours" });
    const second = await t.callers.owner.flows.publish({ clientId, flowId: hours.id, note: null });
    expect(second.overlaps).toEqual([{ id: followUp.id, name: "Missed-call follow-up", runsFirst: true }]);

    const listed = await t.callers.ops.flows.list({ clientId });
    expect(listed.map((f) => [f.name, f.order, f.overlaps.map((o) => o.name)])).toEqual([
      ["Missed-call follow-up", 1, ["Business hours aware"]],
      ["Business hours aware", 2, ["Missed-call follow-up"]],
    ]);

    const runs = await runsFor("CA-order-1");
    expect(runs.map((r) => r.flowId)).toEqual([followUp.id]);
    // The run is linked to its caller from the start (Contacts counts it), before any lead exists.
    const run = await db.flowRun.findUniqueOrThrow({ where: { id: runs[0].id }, include: { contact: true } });
    expect(run.contact?.e164).toBe("+13125550177");
    // A redelivered call starts nothing new.
    expect(await runsFor("CA-order-1")).toEqual(runs);
    expect(await db.flowRun.count({ where: { triggerEventId: "CA-order-1" } })).toBe(1);

    await t.callers.owner.flows.setOrder({ clientId, flowIds: [hours.id] });
    expect((await t.callers.ops.flows.list({ clientId })).map((f) => f.name)).toEqual(["Business hours aware", "Missed-call follow-up"]);
    expect((await runsFor("CA-order-2")).map((r) => r.flowId)).toEqual([hours.id]);

    await t.callers.owner.flows.archive({ clientId, flowId: hours.id });
    expect((await runsFor("CA-order-3")).map((r) => r.flowId)).toEqual([followUp.id]);
    expect((await t.callers.ops.flows.list({ clientId }))[0].overlaps).toEqual([]);
  });

  it("ops cannot change the order, and another client's flow cannot be named", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Mine", starter: "text-back" });
    await expect(t.callers.ops.flows.setOrder({ clientId, flowIds: [id] })).rejects.toThrow();
    const theirs = await db.flow.create({ data: { clientId: t.clients.foreign.id, name: "Theirs", draftGraph: {} } });
    await expect(t.callers.owner.flows.setOrder({ clientId, flowIds: [theirs.id] })).rejects.toThrow(/One of those flows/);
  });
});
