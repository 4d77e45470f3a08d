import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { starterFlow } from "./model";

let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id;
});

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("flows: drafts, publishing and versions", () => {
  it("a flow made from a starter is a valid draft until published, then version 1", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
    let [flow] = (await t.callers.owner.flows.list({ clientId })).filter((f) => f.id === id);
    expect(flow.state).toEqual({ kind: "draft" });
    expect(flow.triggerNumbers).toBe("all");
    const published = await t.callers.owner.flows.publish({ clientId, flowId: id, note: "First version" });
    expect(published.number).toBe(1);
    [flow] = (await t.callers.owner.flows.list({ clientId })).filter((f) => f.id === id);
    expect(flow.state).toEqual({ kind: "published", version: 1 });

    const draft = await t.callers.owner.flows.get({ clientId, flowId: id });
    const changed = { ...draft.graph, nodes: draft.graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 10, y: n.position.y } })) };
    await t.callers.owner.flows.saveDraft({ clientId, flowId: id, graph: changed, baseRevision: draft.revision });
    [flow] = (await t.callers.owner.flows.list({ clientId })).filter((f) => f.id === id);
    expect(flow.state).toEqual({ kind: "draftAhead", version: 1 });

    const versions = await t.callers.ops.flows.versions({ clientId, flowId: id });
    expect(versions).toMatchObject([{ number: 1, note: "First version", createdBy: "owner", active: true }]);
  });

  it("publishing with nothing changed since the live version is refused, says why, and makes no version", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Unchanged", starter: "text-back" });
    await t.callers.owner.flows.publish({ clientId, flowId: id, note: "v1" });
    await expect(t.callers.owner.flows.publish({ clientId, flowId: id, note: "again" })).rejects.toThrow(/Nothing changed since version 1, which is live/);
    expect(await db.flowVersion.count({ where: { flowId: id } })).toBe(1);
    const flow = await t.callers.owner.flows.get({ clientId, flowId: id });
    expect(flow.activeVersion).toMatchObject({ number: 1, graph: flow.graph });
  });

  it("a blank flow cannot be published, and the error says why", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Blank", starter: null });
    await expect(t.callers.owner.flows.publish({ clientId, flowId: id, note: null })).rejects.toThrow(/can't be published yet/);
    expect(await db.flowVersion.count({ where: { flowId: id } })).toBe(0);
  });

  it("two people saving the same draft: the second is told, and the first one's work is kept", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Shared", starter: "business-hours" });
    const base = await t.callers.owner.flows.get({ clientId, flowId: id });
    const mine = { ...base.graph, nodes: base.graph.nodes.slice(0, -1) };
    await t.callers.owner.flows.saveDraft({ clientId, flowId: id, graph: mine, baseRevision: base.revision });
    const theirs = t.callers.admin.flows.saveDraft({ clientId, flowId: id, graph: base.graph, baseRevision: base.revision });
    await expect(theirs).rejects.toThrow(/owner saved this flow while you were editing/);
    expect((await t.callers.owner.flows.get({ clientId, flowId: id })).graph.nodes).toHaveLength(mine.nodes.length);
  });

  it("restoring an old version makes it the draft again without publishing it", async () => {
    const { id } = await t.callers.admin.flows.create({ clientId, name: "Restore me", starter: "text-back" });
    const v1 = await t.callers.admin.flows.publish({ clientId, flowId: id, note: "v1" });
    const draft = await t.callers.admin.flows.get({ clientId, flowId: id });
    const renamed = { ...draft.graph, nodes: draft.graph.nodes.map((n) => ({ ...n, label: `${n.label ?? n.kind} (edited)` })) };
    await t.callers.admin.flows.saveDraft({ clientId, flowId: id, graph: renamed, baseRevision: draft.revision });
    await t.callers.admin.flows.publish({ clientId, flowId: id, note: "v2" });
    const answer = await t.callers.admin.flows.restore({ clientId, versionId: v1.versionId });
    const restored = await t.callers.admin.flows.get({ clientId, flowId: id });
    expect(restored.graph).toEqual(starterFlow("text-back").graph);
    // The editor adopts the answer as its saved draft, so it must be exactly what was stored.
    expect(answer).toEqual({ flowId: id, revision: restored.revision, graph: restored.graph });
    expect(restored.activeVersion?.number).toBe(2);
  });

  it("an agency user copies a flow to other clients as drafts listening on all their numbers", async () => {
    const { id } = await t.callers.admin.flows.create({ clientId, name: "Agency template", starter: "full-follow-up" });
    const copies = await t.callers.builder.flows.copyToClients({ clientId, flowId: id, targetClientIds: [t.clients.bright.id] });
    expect(copies).toHaveLength(1);
    const [copy] = await t.callers.builder.flows.list({ clientId: t.clients.bright.id });
    expect(copy).toMatchObject({ name: "Agency template", state: { kind: "draft" }, triggerNumbers: "all" });
  });

  it("copying to another agency's client changes nothing and is not found", async () => {
    const { id } = await t.callers.admin.flows.create({ clientId, name: "Not yours", starter: "text-back" });
    expect(await codeOf(t.callers.admin.flows.copyToClients({ clientId, flowId: id, targetClientIds: [t.clients.foreign.id] }))).toBe("NOT_FOUND");
    expect(await db.flow.count({ where: { clientId: t.clients.foreign.id } })).toBe(0);
  });
});

describe("the simulator, through tRPC", () => {
  it("an owner simulates a Saturday 21:47 call to the business-hours flow: the after-hours path, nothing written or sent", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Hours", starter: "business-hours" });
    const before = { messages: await db.message.count(), runs: await db.flowRun.count(), contacts: await db.contact.count() };
    const result = await t.callers.owner.flows.simulate({ clientId, flowId: id, scenario: { callAt: "2026-11-21T21:47" } });
    expect(result.path.map((p) => p.handle)).toContain("closed");
    const texts = result.steps.filter((s) => s.type === "text");
    expect(texts[0]).toMatchObject({ type: "text" });
    expect((texts[0] as { body: string }).body).toMatch(/We're closed right now/);
    expect(result.steps.some((s) => s.type === "wait" && s.reason === "untilOpen")).toBe(true);
    expect({ messages: await db.message.count(), runs: await db.flowRun.count(), contacts: await db.contact.count() }).toEqual(before);
  });

  it("ops may simulate (read-only), another tenant may not", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Sim roles", starter: "text-back" });
    expect(await codeOf(t.callers.ops.flows.simulate({ clientId, flowId: id, scenario: { callAt: "2026-11-23T10:00" } }))).toBe("OK");
    expect(await codeOf(t.callers.otherAdmin.flows.simulate({ clientId, flowId: id, scenario: { callAt: "2026-11-23T10:00" } }))).toBe("NOT_FOUND");
  });
});

describe("flows: who may do what", () => {
  it("ops sees flows read-only; owners cannot copy between clients; other tenants see nothing", async () => {
    const { id } = await t.callers.owner.flows.create({ clientId, name: "Roles", starter: "text-back" });
    expect(await codeOf(t.callers.ops.flows.get({ clientId, flowId: id }))).toBe("OK");
    expect(await codeOf(t.callers.ops.flows.publish({ clientId, flowId: id, note: null }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.ops.flows.create({ clientId, name: "x", starter: null }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.owner.flows.copyToClients({ clientId, flowId: id, targetClientIds: [t.clients.bright.id] }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.otherAdmin.flows.get({ clientId, flowId: id }))).toBe("NOT_FOUND");
    // Our own client id with another tenant's flow id is NOT_FOUND too.
    const { id: foreignFlow } = await t.callers.otherAdmin.flows.create({ clientId: t.clients.foreign.id, name: "Theirs", starter: null });
    expect(await codeOf(t.callers.admin.flows.get({ clientId, flowId: foreignFlow }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.admin.flows.archive({ clientId, flowId: foreignFlow }))).toBe("NOT_FOUND");
  });
});
