import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { startAppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

// Texts honour opt-out for staff too; ids a person sends (cursors, idempotency keys) are scoped to
// the client; settings are bounded on save and read leniently.
let h: Awaited<ReturnType<typeof startAppHarness>>;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let foreignId: string;

beforeAll(async () => {
  h = await (await import("../testing/app-harness")).startAppHarness();
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  foreignId = t.clients.foreign.id;
}, 60_000);
afterAll(() => h?.close());

const sentTo = async (to: string) => (await h.fake<{ messages: { to: string; body: string }[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe("staff texts honour opt-out", () => {
  it("a staff mobile that texted STOP gets no staff alert by SMS; staff are told in the app instead", async () => {
    const mobile = "+13125551201";
    await db.staffContact.create({ data: { clientId, name: "Stopped", mobile, notifySms: true, notifyEmail: false } });
    await db.contact.create({ data: { clientId, e164: mobile, optedOut: true, optedOutAt: new Date() } });
    const { notifyStaff } = await import("../notifications/notify-staff");
    const { defaultSmsTransport } = await import("../messaging/default-transport");
    const result = await notifyStaff({
      clientId,
      runId: "run_optout",
      nodeId: "alert",
      stepId: "notifyStaff:alert",
      title: "A caller needs you",
      body: "EMERGENCY from (312) 555-0199",
      channels: ["sms"],
      transport: defaultSmsTransport(),
    });
    expect(await sentTo(mobile)).toEqual([]);
    expect(result.sms).toEqual([]);
    expect(result.failures.join("\n")).toMatch(/opted out.*blocked until they text START/);
    expect(result.inApp).toBe(true);
    expect(await db.notification.count({ where: { clientId, runId: "run_optout" } })).toBe(1);
  });

  it("a customer who opted out cannot be added as staff with SMS alerts, and the message says what to do", async () => {
    const mobile = "+13125551202";
    await db.contact.create({ data: { clientId, e164: mobile, optedOut: true, optedOutAt: new Date() } });
    const input = { clientId, name: "Customer", mobile, email: null, notifySms: true, notifyEmail: false };
    const refused = await refusal(t.callers.owner.clients.saveStaffContact(input));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("replied STOP to this business");
    expect(await db.staffContact.count({ where: { clientId, mobile } })).toBe(0);
    // Without SMS alerts they may be staff: they see alerts in the app.
    await t.callers.owner.clients.saveStaffContact({ ...input, notifySms: false });
    expect(await db.staffContact.count({ where: { clientId, mobile } })).toBe(1);
  });
});

describe("ids are scoped to the client", () => {
  it("runs.list with another tenant's run as cursor reveals nothing about it", async () => {
    const flowOf = async (id: string, caller: typeof t.callers.admin) => {
      const { id: flowId } = await caller.flows.create({ clientId: id, name: "Runs", starter: "text-back" });
      const v = await caller.flows.publish({ clientId: id, flowId, note: null });
      return { flowId, versionId: v.versionId };
    };
    const own = await flowOf(clientId, t.callers.owner);
    const theirs = await flowOf(foreignId, t.callers.otherAdmin);
    for (const [i, at] of ["2026-11-01", "2026-11-03"].entries()) {
      await db.flowRun.create({ data: { clientId, flowId: own.flowId, flowVersionId: own.versionId, triggerEventId: `CAown${i}`, callerNumber: "+13125550501", status: "completed", startedAt: new Date(`${at}T10:00:00Z`) } });
    }
    const foreignRun = await db.flowRun.create({
      data: { clientId: foreignId, flowId: theirs.flowId, flowVersionId: theirs.versionId, triggerEventId: "CAforeign", callerNumber: "+14155550501", status: "completed", startedAt: new Date("2026-11-02T10:00:00Z") },
    });
    const withForeignCursor = await t.callers.owner.runs.list({ clientId, cursor: foreignRun.id });
    const withUnknownCursor = await t.callers.owner.runs.list({ clientId, cursor: "no-such-run" });
    expect(withForeignCursor).toEqual(withUnknownCursor);
    expect(withForeignCursor.runs).toEqual([]);
    // An own cursor still pages.
    const first = await t.callers.owner.runs.list({ clientId, limit: 1 });
    const second = await t.callers.owner.runs.list({ clientId, limit: 1, cursor: first.nextCursor });
    expect(second.runs.map((r) => r.startedAt.toISOString())).toEqual(["2026-11-01T10:00:00.000Z"]);
  });

  it("run filters, cursors and the contact search are bounded", async () => {
    expect((await refusal(t.callers.owner.runs.list({ clientId, caller: "1".repeat(21) }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.callers.owner.runs.list({ clientId, cursor: "c".repeat(101) }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.callers.owner.runs.list({ clientId, limit: 101 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.callers.owner.contacts.list({ clientId, search: "x".repeat(81) }))).code).toBe("BAD_REQUEST");
  });

  it("an inbox reply's request id from another client returns nothing of that client's", async () => {
    const theirContact = await db.contact.create({ data: { clientId: foreignId, e164: "+14155550601" } });
    const ownContact = await db.contact.create({ data: { clientId, e164: "+13125550601" } });
    const requestId = crypto.randomUUID();
    const theirs = await t.callers.otherAdmin.inbox.reply({ clientId: foreignId, contactId: theirContact.id, body: "Their secret reply", requestId });
    expect(theirs.status).toBe("sent");
    const ours = await t.callers.owner.inbox.reply({ clientId, contactId: ownContact.id, body: "Our reply", requestId });
    expect(ours.status).toBe("sent");
    if (ours.status !== "sent" || theirs.status !== "sent") return;
    expect(ours.messageId).not.toBe(theirs.messageId);
    expect(ours.body).toContain("Our reply");
    expect((await sentTo(ownContact.e164)).map((m) => m.body.startsWith("Our reply") || m.body.includes("Our reply"))).toEqual([true]);
  });
});

describe("settings are bounded on save and read leniently", () => {
  const settings = async () => {
    const s = await t.callers.owner.clients.settings({ clientId });
    return {
      clientId,
      businessName: s.businessName,
      timezone: s.timezone,
      businessHours: s.businessHours,
      closures: s.closures,
      quietHours: s.quietHours,
      bookingSettings: s.bookingSettings,
    };
  };

  it("bookingUrl accepts only http(s)", async () => {
    const base = await settings();
    const refused = await refusal(t.callers.owner.clients.updateSettings({ ...base, bookingSettings: { ...base.bookingSettings, bookingUrl: "javascript:alert(1)" } }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("Use a web address that starts with https://");
    await t.callers.owner.clients.updateSettings({ ...base, bookingSettings: { ...base.bookingSettings, bookingUrl: "https://book.example/greenfield" } });
    expect((await settings()).bookingSettings.bookingUrl).toBe("https://book.example/greenfield");
  });

  it("closures, opening ranges and staff are bounded, with messages naming the limit", async () => {
    const base = await settings();
    const closures = Array.from({ length: 367 }, (_, i) => ({ date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10) }));
    expect((await refusal(t.callers.owner.clients.updateSettings({ ...base, closures }))).message).toContain("At most 366 closed days");
    const long = await refusal(t.callers.owner.clients.updateSettings({ ...base, closures: [{ date: "2026-12-25", label: "x".repeat(81) }] }));
    expect(long.message).toContain("Keep a closure's name under 80 characters");
    const ranges = Array.from({ length: 7 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }));
    const day = await refusal(t.callers.owner.clients.updateSettings({ ...base, businessHours: { ...base.businessHours, mon: ranges } }));
    expect(day.message).toContain("A day has at most 6 opening ranges");
    await db.staffContact.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ clientId: t.clients.bright.id, name: `S${i}` })) });
    const staff = await refusal(t.callers.admin.clients.saveStaffContact({ clientId: t.clients.bright.id, name: "One more", mobile: null, email: null, notifySms: false, notifyEmail: false }));
    expect(staff.message).toContain("at most 50 staff contacts");
  });

  it("stored settings that no longer fit (a long closure name, a non-web booking link) still open", async () => {
    await db.client.update({
      where: { id: clientId },
      data: { closures: [{ date: "2026-12-25", label: "x".repeat(300) }], bookingSettings: { slotMinutes: 60, bufferMinutes: 15, daysAhead: 7, slotsOffered: 3, bookingUrl: "javascript:alert(1)" } },
    });
    const s = await t.callers.owner.clients.settings({ clientId });
    expect(s.closures[0].label).toHaveLength(300);
    expect(s.bookingSettings.bookingUrl).toBeNull();
  });

  it("a stored flow that no longer fits the limits still opens", async () => {
    const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Old", starter: "text-back" });
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    const graph = flow.draftGraph as { nodes: { label?: string }[]; edges: unknown[] };
    graph.nodes[0].label = "x".repeat(300);
    await db.flow.update({ where: { id: flowId }, data: { draftGraph: graph as object } });
    const opened = await t.callers.owner.flows.get({ clientId, flowId });
    expect(opened.graph.nodes[0].label).toHaveLength(300);
  });

  it("a live flow published before a limit existed still lists, opens and simulates", async () => {
    const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Old live", starter: "text-back" });
    const { versionId } = await t.callers.owner.flows.publish({ clientId, flowId, note: null });
    const version = await db.flowVersion.findUniqueOrThrow({ where: { id: versionId } });
    const graph = version.graph as { nodes: { label?: string }[]; edges: unknown[] };
    graph.nodes[0].label = "x".repeat(300);
    await db.flowVersion.update({ where: { id: versionId }, data: { graph: graph as object } });
    const listed = await t.callers.owner.flows.list({ clientId });
    expect(listed.find((f) => f.id === flowId)?.state.kind).toBe("draftAhead");
    const simulated = await t.callers.owner.flows.simulate({ clientId, flowId, versionId, graph: null, scenario: { callAt: "2026-03-10T10:00" } });
    expect(simulated).toBeTruthy();
  });

  it("a live flow whose trigger lists more numbers than today's limit still lists, and its client's checklist and new calls still work", async () => {
    const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Many numbers", starter: "text-back" });
    const { versionId } = await t.callers.owner.flows.publish({ clientId, flowId, note: null });
    const version = await db.flowVersion.findUniqueOrThrow({ where: { id: versionId } });
    const graph = version.graph as { nodes: { kind: string; config: Record<string, unknown> }[]; edges: unknown[] };
    graph.nodes.find((n) => n.kind === "trigger.missedCall")!.config.numbers = Array.from({ length: 60 }, (_, i) => `+1312555${String(7000 + i)}`);
    await db.flowVersion.update({ where: { id: versionId }, data: { graph: graph as object } });
    expect((await t.callers.owner.flows.list({ clientId })).some((f) => f.id === flowId)).toBe(true);
    expect((await t.callers.owner.clients.checklist({ clientId })).items.length).toBeGreaterThan(0);
    const { loadLiveFlows } = await import("../flows/runtime/start-runs");
    expect((await loadLiveFlows(clientId)).find((f) => f.id === flowId)?.trigger.numbers).toHaveLength(60);
  });

  it("saving a draft over the step limit is refused with a message naming it", async () => {
    const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Huge", starter: null });
    const draft = await t.callers.owner.flows.get({ clientId, flowId });
    const nodes = Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, kind: "end" as const, position: { x: 0, y: 0 }, config: {} }));
    const refused = await refusal(t.callers.owner.flows.saveDraft({ clientId, flowId, graph: { nodes, edges: [] }, baseRevision: draft.revision }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("A flow can have at most 2,000 steps");
  });
});
