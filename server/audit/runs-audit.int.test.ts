import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

// The audit log says who retried which sends and who cancelled which run (issue 15), in words,
// filterable, for the client's owner and the agency admin.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let db: typeof import("../db/client").db;
let clientId: string;

beforeAll(async () => {
  const { startAppHarness } = await import("../testing/app-harness");
  h = await startAppHarness();
  ({ db } = await import("../db/client"));
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
}, 60_000);
afterAll(() => h?.close());

async function failedText(to: string) {
  const contact = await db.contact.upsert({ where: { clientId_e164: { clientId, e164: to } }, create: { clientId, e164: to }, update: {} });
  const from = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  return db.message.create({
    data: { clientId, contactId: contact.id, direction: "outbound", body: "Sorry we missed your call", status: "undelivered", errorCode: 30003, fromNumber: from, toNumber: to },
  });
}

describe("retried sends in the audit log", () => {
  it("a retry records who retried which text and what became of it; the owner reads it under 'Retried sends'", async () => {
    const m = await failedText("+13125550611");
    const result = await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
    expect(result.status).toBe("sent");
    const event = await db.auditEvent.findFirstOrThrow({ where: { clientId, action: "send.retry", targetId: m.id } });
    expect(event).toMatchObject({ actorId: t.users.ops.id, targetType: "Message", data: { to: "+13125550611", outcome: "sent", newMessageId: result.messageId } });

    const rows = await t.callers.owner.audit.client({ clientId, kind: "sends" });
    expect(rows.map((r) => `${r.actor} ${r.summary}`)).toEqual(["ops retried the failed text to +13125550611: sent again"]);
  });

  it("a bulk retry records each text; one refused (opted out) says why", async () => {
    const a = await failedText("+13125550612");
    const b = await failedText("+13125550613");
    await db.contact.update({ where: { clientId_e164: { clientId, e164: "+13125550613" } }, data: { optedOut: true, optedOutAt: new Date() } });
    await t.callers.owner.runs.retrySends({ clientId, messageIds: [a.id, b.id] });
    const rows = await t.callers.owner.audit.client({ clientId, kind: "sends" });
    expect(rows.map((r) => `${r.actor} ${r.summary}`).slice(0, 2).sort()).toEqual([
      "owner retried the failed text to +13125550612: sent again",
      expect.stringMatching(/^owner retried the failed text to \+13125550613: not sent \(Not retried: .*opted out/),
    ]);
  });

  it("a retry refused before anything happens (not a failed text) records nothing", async () => {
    const before = await db.auditEvent.count({ where: { clientId, action: "send.retry" } });
    const delivered = await db.message.create({ data: { clientId, direction: "outbound", body: "ok", status: "delivered", fromNumber: "+13125550100", toNumber: "+13125550614" } });
    await expect(t.callers.ops.runs.retrySend({ clientId, messageId: delivered.id })).rejects.toThrow(/Only failed or undelivered texts/);
    expect(await db.auditEvent.count({ where: { clientId, action: "send.retry" } })).toBe(before);
  });
});

describe("cancelled runs in the audit log", () => {
  it("a cancel records who cancelled which run (flow and caller); filter 'Cancelled runs'; the agency admin sees it too", async () => {
    const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Cancel me", starter: "text-back" });
    const { versionId } = await t.callers.owner.flows.publish({ clientId, flowId, note: null });
    const run = await db.flowRun.create({ data: { clientId, flowId, flowVersionId: versionId, triggerEventId: `CA${"5".repeat(32)}`, callerNumber: "+13125550615", status: "waiting" } });
    await t.callers.ops.runs.cancel({ clientId, runId: run.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { clientId, action: "run.cancel", targetId: run.id } });
    expect(event).toMatchObject({ actorId: t.users.ops.id, targetType: "FlowRun", data: { flow: "Cancel me", caller: "+13125550615", status: "waiting" } });

    const rows = await t.callers.owner.audit.client({ clientId, kind: "runs" });
    expect(rows.map((r) => `${r.actor} ${r.summary}`)).toEqual(["ops cancelled the waiting run of “Cancel me” for +13125550615"]);
    const agency = await t.callers.admin.audit.agency({ kind: "runs", clientId: null });
    expect(agency.map((r) => [r.client, r.summary])).toEqual([["Greenfield Plumbing", "cancelled the waiting run of “Cancel me” for +13125550615"]]);
    // Cancelling it again is refused and records nothing more.
    await expect(t.callers.ops.runs.cancel({ clientId, runId: run.id })).rejects.toThrow(/already cancelled/);
    expect(await db.auditEvent.count({ where: { action: "run.cancel", targetId: run.id } })).toBe(1);
  });
});
