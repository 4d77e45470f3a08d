import { beforeAll, describe, expect, it } from "vitest";
import { createTenants } from "../testing/tenants";

// The audit log: what the services record, in words, readable by admins and owners, filterable.

let t: Awaited<ReturnType<typeof createTenants>>;
beforeAll(async () => {
  t = await createTenants();
  const clientId = t.clients.greenfield.id;
  const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId, note: null });
  await t.callers.admin.members.invite({ clientId, email: "new.ops@example.test", role: "ops" });
  await t.callers.admin.members.invite({ clientId: null, email: "new.builder@example.test", role: "builder" });
  await t.callers.otherAdmin.members.invite({ clientId: null, email: "theirs@example.test", role: "builder" });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("audit log", () => {
  it("a client's owner reads who did what there, newest first", async () => {
    const rows = await t.callers.owner.audit.client({ clientId: t.clients.greenfield.id, kind: null });
    expect(rows.map((r) => `${r.actor} ${r.summary}`)).toEqual([expect.stringMatching(/^admin invited new\.ops@example\.test as ops$/), expect.stringMatching(/^owner published version 1 of “Text back”$/)]);
  });

  it("filters by kind", async () => {
    const rows = await t.callers.owner.audit.client({ clientId: t.clients.greenfield.id, kind: "flows" });
    expect(rows.map((r) => r.action)).toEqual(["flow.publish"]);
  });

  it.each([
    ["admin", "OK"],
    ["owner", "OK"],
    ["builder", "FORBIDDEN"],
    ["ops", "FORBIDDEN"],
    ["otherAdmin", "NOT_FOUND"],
  ] as const)("%s reading a client's log: %s", async (who, expected) => {
    expect(await codeOf(t.callers[who].audit.client({ clientId: t.clients.greenfield.id, kind: null }))).toBe(expected);
  });

  it("an agency admin reads the whole agency, its own events included, and nothing of another agency", async () => {
    const rows = await t.callers.admin.audit.agency({ kind: null, clientId: null });
    const summaries = rows.map((r) => r.summary);
    expect(summaries).toContain("invited new.builder@example.test as builder");
    expect(summaries).toContain("invited new.ops@example.test as ops");
    expect(summaries.join("\n")).not.toContain("theirs@example.test");
    expect(rows.find((r) => r.summary.startsWith("published"))!.client).toBe("Greenfield Plumbing");
    const onlyBright = await t.callers.admin.audit.agency({ kind: null, clientId: t.clients.bright.id });
    expect(onlyBright).toEqual([]);
    expect(await codeOf(t.callers.builder.audit.agency({ kind: null, clientId: null }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.owner.audit.agency({ kind: null, clientId: null }))).toBe("FORBIDDEN");
  });

  it("a foreign client id in the agency filter finds nothing", async () => {
    expect(await t.callers.admin.audit.agency({ kind: null, clientId: t.clients.foreign.id })).toEqual([]);
  });
});
