import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";

// The all-clients procedures behind the agency pages: runs.listAll, runs.failedSendsAll and
// dashboard.agency. Each answers only for the clients the caller can see, and a client filter outside
// them is NOT_FOUND — never another tenant's rows.
let t: Awaited<ReturnType<typeof createTenants>>;
const ids = { greenfield: "", bright: "", foreign: "" };

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? "ERROR";
  }
}

beforeAll(async () => {
  t = await createTenants();
  ids.greenfield = t.clients.greenfield.id;
  ids.bright = t.clients.bright.id;
  ids.foreign = t.clients.foreign.id;
  const callers = { greenfield: t.callers.owner, bright: t.callers.admin, foreign: t.callers.otherAdmin };
  for (const [name, clientId] of Object.entries(ids) as [keyof typeof ids, string][]) {
    const { id: flowId } = await callers[name].flows.create({ clientId, name: `${name} flow`, starter: "text-back" });
    const { versionId } = await callers[name].flows.publish({ clientId, flowId, note: null });
    for (let i = 0; i < 2; i++) {
      await db.flowRun.create({ data: { clientId, flowId, flowVersionId: versionId, triggerEventId: `CA${name}${i}`, callerNumber: `+1312555070${i}`, status: "completed" } });
    }
    await db.message.create({
      data: { clientId, direction: "outbound", body: `Hi from ${name}`, status: "undelivered", errorCode: 30003, fromNumber: "+13125550100", toNumber: "+13125550777" },
    });
  }
}, 60_000);

const clientsOf = (rows: { clientId: string }[]) => [...new Set(rows.map((r) => r.clientId))].sort();

describe("runs across every client", () => {
  it("an agency admin sees both of its clients' runs, with the client on each row, and can narrow to one", async () => {
    const all = await t.callers.admin.runs.listAll({});
    expect(clientsOf(all.runs)).toEqual([ids.greenfield, ids.bright].sort());
    expect(all.runs.find((r) => r.clientId === ids.bright)?.clientName).toBe("Bright Smiles Dental");
    const bright = await t.callers.admin.runs.listAll({ clientId: ids.bright });
    expect(bright.runs).toHaveLength(2);
    expect(clientsOf(bright.runs)).toEqual([ids.bright]);
  });
  it("an owner of one client sees only that client, and asking for another is not found", async () => {
    expect(clientsOf((await t.callers.owner.runs.listAll({})).runs)).toEqual([ids.greenfield]);
    expect(await codeOf(t.callers.owner.runs.listAll({ clientId: ids.bright }))).toBe("NOT_FOUND");
  });
  it("a user of another agency sees nothing of this agency", async () => {
    expect(clientsOf((await t.callers.otherAdmin.runs.listAll({})).runs)).toEqual([ids.foreign]);
    expect(await codeOf(t.callers.otherAdmin.runs.listAll({ clientId: ids.greenfield }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.admin.runs.listAll({ clientId: ids.foreign }))).toBe("NOT_FOUND");
  });
  it("nobody signed in gets nothing", async () => {
    expect(await codeOf(t.anonymous.runs.listAll({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(t.anonymous.runs.failedSendsAll({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(t.anonymous.dashboard.agency({}))).toBe("UNAUTHORIZED");
  });
});

describe("failed sends across every client", () => {
  it("lists each visible client's failed texts with its clientId, which resolving them takes", async () => {
    const all = await t.callers.admin.runs.failedSendsAll({});
    expect(clientsOf(all)).toEqual([ids.greenfield, ids.bright].sort());
    expect(clientsOf(await t.callers.builder.runs.failedSendsAll({ clientId: ids.greenfield }))).toEqual([ids.greenfield]);
    const bright = all.find((m) => m.clientId === ids.bright)!;
    // The row's own client resolves it; through another client it does not exist.
    expect(await codeOf(t.callers.admin.runs.resolveSend({ clientId: ids.greenfield, messageId: bright.id }))).toBe("NOT_FOUND");
    await t.callers.admin.runs.resolveSend({ clientId: bright.clientId, messageId: bright.id });
    expect(clientsOf(await t.callers.admin.runs.failedSendsAll({}))).toEqual([ids.greenfield]);
  });
  it("an owner sees only their client's; another agency none of ours", async () => {
    expect(clientsOf(await t.callers.ops.runs.failedSendsAll({}))).toEqual([ids.greenfield]);
    expect(await codeOf(t.callers.ops.runs.failedSendsAll({ clientId: ids.bright }))).toBe("NOT_FOUND");
    expect(clientsOf(await t.callers.otherAdmin.runs.failedSendsAll({}))).toEqual([ids.foreign]);
    const foreign = (await t.callers.otherAdmin.runs.failedSendsAll({}))[0];
    expect(await codeOf(t.callers.admin.runs.resolveSend({ clientId: ids.foreign, messageId: foreign.id }))).toBe("NOT_FOUND");
  });
});

describe("the agency dashboard", () => {
  it("breaks down only the clients the caller can see", async () => {
    const names = async (caller: typeof t.callers.admin) => (await caller.dashboard.agency({})).byClient.map((c) => c.clientName).sort();
    expect(await names(t.callers.admin)).toEqual(["Bright Smiles Dental", "Greenfield Plumbing"]);
    expect(await names(t.callers.owner)).toEqual(["Greenfield Plumbing"]);
    expect(await names(t.callers.otherAdmin)).toEqual(["Foreign Co"]);
    expect((await t.callers.admin.dashboard.agency({})).replyRateByFlow.map((f) => f.flow).sort()).toEqual(["bright flow", "greenfield flow"]);
  });
});
