import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startAppHarness, type AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let flowId: string;
let versions: { id: string; number: number }[];

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? "ERROR";
  }
}

beforeAll(async () => {
  h = await startAppHarness();
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Runs test", starter: "text-back" });
  flowId = id;
  const v1 = await t.callers.owner.flows.publish({ clientId, flowId, note: null });
  const draft = await t.callers.owner.flows.get({ clientId, flowId });
  await t.callers.owner.flows.saveDraft({ clientId, flowId, graph: { ...draft.graph, nodes: draft.graph.nodes.map((n) => ({ ...n, label: "x" })) }, baseRevision: draft.revision });
  const v2 = await t.callers.owner.flows.publish({ clientId, flowId, note: null });
  versions = [
    { id: v1.versionId, number: 1 },
    { id: v2.versionId, number: 2 },
  ];
  const run = (i: number, status: "completed" | "failed" | "waiting", version: number, caller: string, startedAt: string) =>
    db.flowRun.create({
      data: { clientId, flowId, flowVersionId: versions[version - 1].id, triggerEventId: `CA${i}`, callerNumber: caller, status, startedAt: new Date(startedAt), error: status === "failed" ? "21211: bad number" : null },
    });
  await run(1, "completed", 1, "+13125550501", "2026-11-01T10:00:00Z");
  await run(2, "failed", 1, "+13125550502", "2026-11-02T10:00:00Z");
  await run(3, "waiting", 2, "+13125550503", "2026-11-03T10:00:00Z");
  await run(4, "completed", 2, "+13125550501", "2026-11-04T10:00:00Z");
  await db.flowRun.create({
    data: { clientId: t.clients.bright.id, flowId: (await t.callers.admin.flows.create({ clientId: t.clients.bright.id, name: "b", starter: "text-back" })).id, flowVersionId: versions[0].id, triggerEventId: "CAb", callerNumber: "+12125550509", status: "completed" },
  });
}, 60_000);
afterAll(() => h?.close());

describe("runs list filters", () => {
  const list = (filters: Record<string, unknown>) => t.callers.ops.runs.list({ clientId, ...filters });
  it("newest first, every run of the client and no other client's", async () => {
    const { runs } = await list({});
    expect(runs.map((r) => r.caller)).toEqual(["+13125550501", "+13125550503", "+13125550502", "+13125550501"]);
  });
  it.each([
    [{ status: "failed" }, ["+13125550502"]],
    [{ status: "waiting" }, ["+13125550503"]],
    [{ version: 1 }, ["+13125550502", "+13125550501"]],
    [{ caller: "(312) 555-0501" }, ["+13125550501", "+13125550501"]],
    [{ from: "2026-11-02T00:00:00Z", to: "2026-11-04T00:00:00Z" }, ["+13125550503", "+13125550502"]],
  ])("%j", async (filters, callers) => {
    expect((await list(filters)).runs.map((r) => r.caller)).toEqual(callers);
  });
  it("by flow", async () => {
    expect((await list({ flowId })).runs).toHaveLength(4);
    expect((await list({ flowId: "other" })).runs).toHaveLength(0);
  });
  it("cursor pagination walks every run once", async () => {
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, cursor: first.nextCursor });
    expect([...first.runs, ...second.runs].map((r) => r.caller)).toEqual((await list({})).runs.map((r) => r.caller));
    expect(second.nextCursor).toBeNull();
  });
  it("agency users see every client's runs; a client's ops only theirs", async () => {
    expect((await t.callers.admin.runs.listAll({})).runs).toHaveLength(5);
    expect((await t.callers.ops.runs.listAll({})).runs).toHaveLength(4);
    expect((await t.callers.otherAdmin.runs.listAll({})).runs).toHaveLength(0);
  });
  it("another tenant's run id is not found, and so is our run through their client", async () => {
    const mine = (await list({})).runs[0];
    expect(await codeOf(t.callers.otherAdmin.runs.get({ clientId: t.clients.foreign.id, runId: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.ops.runs.get({ clientId: t.clients.bright.id, runId: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.ops.runs.get({ clientId, runId: mine.id }))).toBe("OK");
  });
});

describe("retrying a failed send", () => {
  async function failedText(to: string) {
    return db.message.create({
      data: { clientId, direction: "outbound", body: "Sorry we missed your call", status: "undelivered", errorCode: 30003, twilioSid: `SM${crypto.randomUUID().replaceAll("-", "")}`, fromNumber: "+13125550100", toNumber: to, contactId: (await db.contact.upsert({ where: { clientId_e164: { clientId, e164: to } }, create: { clientId, e164: to }, update: {} })).id },
    });
  }
  const sentTo = async (to: string) => (await h.fake<{ messages: { to: string }[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages.length;

  it("concurrent retries (a double click and a second tab) send one new text", async () => {
    const m = await failedText("+13125550511");
    const results = await Promise.all(Array.from({ length: 5 }, () => t.callers.ops.runs.retrySend({ clientId, messageId: m.id })));
    expect(results.filter((r) => r.status === "sent").length).toBeGreaterThanOrEqual(1);
    expect(await sentTo("+13125550511")).toBe(1);
    expect(await db.message.count({ where: { retryOfId: m.id } })).toBe(1);
    expect((await db.message.findUniqueOrThrow({ where: { id: m.id } })).resolvedAt).not.toBeNull();
    // Clicking again later still sends nothing new.
    await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
    expect(await sentTo("+13125550511")).toBe(1);
  });

  it("a retry the carrier filters again says so (failed again: 30007), and the new failure shows as the second attempt", async () => {
    const to = "+13125550513";
    const m = await failedText(to);
    await h.fake("/_fake/failures", { to, code: 30007 });
    try {
      const result = await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
      expect(result.status).toBe("sent");
      await expect
        .poll(async () => (await t.callers.ops.runs.sendOutcome({ clientId, messageId: result.messageId })).outcome, { timeout: 10_000 })
        .toBe("failed");
      const outcome = await t.callers.ops.runs.sendOutcome({ clientId, messageId: result.messageId });
      expect(outcome.errorCode).toBe(30007);
      expect(outcome.reason).toMatch(/^30007: /);
      const rows = (await t.callers.ops.runs.failedSends({ clientId })).filter((r) => r.to === to);
      expect(rows.map((r) => [r.id, r.attempts, r.blockedByOptOut])).toEqual([[result.messageId, 2, false]]);
    } finally {
      await h.fake("/_fake/failures", { to, code: null });
    }
  });

  it("a text never sent because the contact opted out is listed apart from the failures and not counted as one", async () => {
    const to = "+13125550514";
    const contact = await db.contact.upsert({ where: { clientId_e164: { clientId, e164: to } }, create: { clientId, e164: to, optedOut: true, optedOutAt: new Date() }, update: {} });
    const before = (await t.callers.ops.dashboard.client({ clientId, days: 30 })).failedSends;
    await db.message.create({
      data: { clientId, contactId: contact.id, direction: "outbound", body: "Sorry we missed your call", status: "blocked", errorMessage: "opted out", fromNumber: "+13125550100", toNumber: to },
    });
    const [row] = (await t.callers.ops.runs.failedSends({ clientId })).filter((r) => r.to === to);
    expect(row).toMatchObject({ blockedByOptOut: true, attempts: 1 });
    expect((await t.callers.ops.dashboard.client({ clientId, days: 30 })).failedSends).toBe(before);
  });

  it("a retry to a contact who opted out is refused and sends nothing", async () => {
    const m = await failedText("+13125550512");
    await db.contact.update({ where: { clientId_e164: { clientId, e164: "+13125550512" } }, data: { optedOut: true, optedOutAt: new Date() } });
    const result = await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
    expect(result).toMatchObject({ status: "failed" });
    expect(result.status === "failed" && result.reason).toMatch(/opted out/);
    expect(await sentTo("+13125550512")).toBe(0);
    // Refused before any attempt: no second row for the same text in Failed sends.
    expect(await db.message.count({ where: { retryOfId: m.id } })).toBe(0);
    await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
    expect((await t.callers.ops.runs.failedSends({ clientId })).filter((f) => f.to === "+13125550512").map((f) => f.id)).toEqual([m.id]);
  });

  it("a retry that Twilio refuses again replaces the original in Failed sends: one row per text", async () => {
    const to = "+13125550515";
    const m = await failedText(to);
    await h.fake("/_fake/failures", { to, code: 21614 });
    const result = await t.callers.ops.runs.retrySend({ clientId, messageId: m.id });
    expect(result).toMatchObject({ status: "failed", code: 21614 });
    const rows = (await t.callers.ops.runs.failedSends({ clientId })).filter((f) => f.to === to);
    expect(rows.map((f) => f.id)).toEqual([result.messageId]);
    expect(rows[0].reason).toMatch(/^21614: /);
  });

  it("21610 is explained as Twilio means it: the number is on the unsubscribed list for this sender, not that they replied STOP to us", async () => {
    const to = "+13125550516";
    const contact = await db.contact.upsert({ where: { clientId_e164: { clientId, e164: to } }, create: { clientId, e164: to }, update: {} });
    await db.message.create({ data: { clientId, contactId: contact.id, direction: "outbound", body: "x", status: "failed", errorCode: 21610, fromNumber: "+13125550100", toNumber: to } });
    const reason = (await t.callers.ops.runs.failedSends({ clientId })).find((f) => f.to === to)?.reason;
    expect(reason).toMatch(/^21610: Twilio has this number on its unsubscribed list for this sender/);
    expect(reason).toMatch(/not necessarily to this business/);
    expect(reason).not.toMatch(/replied STOP/);
  });

  it("retrying many at once sends one new text per failed one, skips opted-out contacts, and twice at once still sends each once", async () => {
    const callers = ["+13125550521", "+13125550522", "+13125550523"];
    const failed = await Promise.all(callers.map(failedText));
    await db.contact.update({ where: { clientId_e164: { clientId, e164: callers[2] } }, data: { optedOut: true, optedOutAt: new Date() } });
    const messageIds = failed.map((m) => m.id);
    const both = await Promise.all([t.callers.ops.runs.retrySends({ clientId, messageIds }), t.callers.ops.runs.retrySends({ clientId, messageIds })]);
    for (const answer of both) expect(answer.results).toHaveLength(3);
    // The opted-out contact's text is refused by both; which of the two says why (the other sees the first's attempt) is a race.
    const optedOut = both.map((answer) => answer.results.find((r) => r.messageId === failed[2].id)!);
    expect(optedOut.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(optedOut.some((r) => /opted out/.test(r.reason ?? ""))).toBe(true);
    expect(await Promise.all(callers.map(sentTo))).toEqual([1, 1, 0]);
    const list = await t.callers.ops.runs.failedSends({ clientId });
    expect(list.map((m) => m.id)).not.toContain(failed[0].id);
    expect(list.map((m) => m.id)).toContain(failed[2].id);
  });

  it("a bulk retry naming another tenant's text sends nothing at all", async () => {
    const ours = await failedText("+13125550524");
    const theirs = await db.message.create({
      data: { clientId: t.clients.foreign.id, direction: "outbound", body: "x", status: "failed", fromNumber: "+14155550100", toNumber: "+14155550199" },
    });
    expect(await codeOf(t.callers.ops.runs.retrySends({ clientId, messageIds: [ours.id, theirs.id] }))).toBe("NOT_FOUND");
    expect(await sentTo("+13125550524")).toBe(0);
  });

  it("the failed-sends list explains the error in words", async () => {
    await failedText("+13125550513");
    const list = await t.callers.ops.runs.failedSends({ clientId });
    expect(list.find((m) => m.to === "+13125550513")?.reason).toBe("30003: The phone is unreachable (off or out of service). Try calling the contact instead.");
  });

  it("another tenant cannot retry or resolve our texts", async () => {
    const m = await failedText("+13125550514");
    expect(await codeOf(t.callers.otherAdmin.runs.retrySend({ clientId: t.clients.foreign.id, messageId: m.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.otherAdmin.runs.resolveSend({ clientId: t.clients.foreign.id, messageId: m.id }))).toBe("NOT_FOUND");
    expect(await sentTo("+13125550514")).toBe(0);
  });
});

describe("run detail for the run canvas", () => {
  it("carries the graph of the version the run is pinned to, the path it took and the step it waits at", async () => {
    const waiting = await db.flowRun.findFirstOrThrow({ where: { triggerEventId: "CA3" } });
    const trace = [
      { nodeId: "trigger", name: "x", handle: "next", at: "2026-11-03T10:00:01.000Z" },
      { nodeId: "cooldown", name: "x", handle: "pass", at: "2026-11-03T10:00:01.000Z" },
    ];
    await db.flowRun.update({ where: { id: waiting.id }, data: { trace, currentNodeId: "text-back" } });
    const run = await t.callers.ops.runs.get({ clientId, runId: waiting.id });
    expect(run.version).toBe(2);
    expect(run.graph.nodes.every((n) => n.label === "x")).toBe(true);
    expect(run.trace).toEqual(trace);
    expect(run.currentNodeId).toBe("text-back");
    // Every edge of the path exists in that graph, so the canvas can light it up.
    expect(run.graph.edges.some((e) => e.source === "trigger" && e.sourceHandle === "next" && e.target === "cooldown")).toBe(true);
    expect(run.graph.edges.some((e) => e.source === "cooldown" && e.sourceHandle === "pass" && e.target === "text-back")).toBe(true);

    const older = await db.flowRun.findFirstOrThrow({ where: { triggerEventId: "CA1" } });
    const v1 = await t.callers.ops.runs.get({ clientId, runId: older.id });
    expect(v1.graph.nodes.find((n) => n.id === "trigger")?.label).toBe("Missed call");
  });
});
