import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";

// New clients, archive and restore, the go-live checklist and the clients page's health figures.

let t: Awaited<ReturnType<typeof createTenants>>;
beforeAll(async () => {
  t = await createTenants();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const harbor = { name: "Harbor Auto Repair", timezone: "America/Los_Angeles", hoursPreset: "mon-sat-7-7" as const, staff: { name: "Hank", mobile: "(415) 555-0142", email: null } };

describe("creating a client", () => {
  it("an agency admin creates one with a preset's hours and a staff contact; the checklist ticks those two", async () => {
    const created = await t.callers.admin.clients.create(harbor);
    const client = await db.client.findUniqueOrThrow({ where: { id: created.id }, include: { staffContacts: true } });
    expect(client).toMatchObject({ agencyId: t.agency.id, name: "Harbor Auto Repair", businessName: "Harbor Auto Repair", timezone: "America/Los_Angeles" });
    expect((client.businessHours as Record<string, unknown[]>).sat).toEqual([{ start: "07:00", end: "19:00" }]);
    expect((client.businessHours as Record<string, unknown[]>).sun).toEqual([]);
    expect(client.staffContacts).toEqual([expect.objectContaining({ name: "Hank", mobile: "+14155550142", notifySms: true })]);
    const checklist = await t.callers.admin.clients.checklist({ clientId: created.id });
    expect(Object.fromEntries(checklist.items.map((i) => [i.key, i.done]))).toEqual({ hours: true, staff: true, number: false, flow: false, testCall: false });
    expect(checklist.live).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "client.create", targetId: created.id } })).toBe(1);
  });

  it.each([
    ["builder", "FORBIDDEN"],
    ["owner", "FORBIDDEN"],
    ["ops", "FORBIDDEN"],
  ] as const)("%s cannot create clients: %s", async (who, expected) => {
    expect(await codeOf(t.callers[who].clients.create({ ...harbor, name: `Not allowed ${who}` }))).toBe(expected);
  });

  it("says what is wrong: a duplicate name, an unknown timezone, a staff contact nobody can reach", async () => {
    await expect(t.callers.admin.clients.create({ ...harbor, name: "harbor auto repair" })).rejects.toThrow(/already has a client called "Harbor Auto Repair"/);
    const bad = await t.callers.admin.clients.create({ ...harbor, name: "Elsewhere", timezone: "Mars/Olympus" }).catch((e: { message: string }) => e.message);
    expect(bad).toMatch(/Unknown timezone/);
    const unreachable = await t.callers.admin.clients.create({ ...harbor, name: "Nobody", staff: { name: "Ghost", mobile: null, email: null } }).catch((e: { message: string }) => e.message);
    expect(unreachable).toMatch(/Add a mobile number or an email/);
  });
});

describe("archiving", () => {
  it("hides the client from lists, keeps its history readable, refuses changes, and restores", async () => {
    const { id } = await t.callers.admin.clients.create({ ...harbor, name: "Short-lived Co" });
    expect(await codeOf(t.callers.builder.clients.archive({ clientId: id }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.otherAdmin.clients.archive({ clientId: id }))).toBe("NOT_FOUND");
    await t.callers.admin.clients.archive({ clientId: id });
    expect((await t.callers.admin.clients.list()).map((c) => c.id)).not.toContain(id);
    expect((await t.callers.admin.clients.archived()).map((c) => c.id)).toContain(id);
    expect(await codeOf(t.callers.admin.runs.list({ clientId: id }))).toBe("OK");
    expect(await codeOf(t.callers.admin.flows.create({ clientId: id, name: "New", starter: null }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(t.callers.otherAdmin.runs.list({ clientId: id }))).toBe("NOT_FOUND");
    await t.callers.admin.clients.restore({ clientId: id });
    expect((await t.callers.admin.clients.list()).map((c) => c.id)).toContain(id);
    expect(await codeOf(t.callers.admin.flows.create({ clientId: id, name: "New", starter: null }))).toBe("OK");
  });

  it("an archived client's own owner no longer sees it", async () => {
    await t.callers.admin.clients.archive({ clientId: t.clients.greenfield.id });
    expect(await codeOf(t.callers.owner.runs.list({ clientId: t.clients.greenfield.id }))).toBe("NOT_FOUND");
    await t.callers.admin.clients.restore({ clientId: t.clients.greenfield.id });
    expect(await codeOf(t.callers.owner.runs.list({ clientId: t.clients.greenfield.id }))).toBe("OK");
  });
});

describe("health and go live", () => {
  it("ticks number, flow and test call from the data, and reports the last missed call, texts, failures and reply rate", async () => {
    const clientId = t.clients.bright.id;
    const number = await db.phoneNumber.findFirstOrThrow({ where: { clientId } });
    await db.staffContact.create({ data: { clientId, name: "Dee", mobile: "+12125550177" } });
    const before = (await t.callers.admin.clients.checklist({ clientId })).items;
    expect(before.find((i) => i.key === "number")!.done).toBe(false);
    await db.phoneNumber.update({ where: { id: number.id }, data: { verifiedAt: new Date() } });
    const { id: flowId } = await t.callers.admin.flows.create({ clientId, name: "Text back", starter: "text-back" });
    await t.callers.admin.flows.publish({ clientId, flowId, note: null });
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    const contact = await db.contact.create({ data: { clientId, e164: "+12125550190" } });
    await db.call.create({ data: { clientId, phoneNumberId: number.id, callSid: `CA${"7".repeat(32)}`, fromNumber: contact.e164, toNumber: number.e164, status: "missed", missed: true } });
    const run = await db.flowRun.create({ data: { clientId, flowId, flowVersionId: flow.activeVersionId!, triggerEventId: `CA${"7".repeat(32)}`, contactId: contact.id, status: "completed" } });
    const midway = (await t.callers.admin.clients.checklist({ clientId })).items;
    expect(midway.filter((i) => !i.done).map((i) => i.key)).toEqual(["a2p", "testCall"]);
    // A US number: live needs the Messaging Service's A2P campaign approved, as last read from Twilio (a2p.int.test.ts reads it).
    await db.client.update({ where: { id: clientId }, data: { messagingServiceSid: `MG${"1".repeat(32)}`, a2pCampaignStatus: "VERIFIED", a2pCheckedAt: new Date() } });
    await db.message.create({ data: { clientId, contactId: contact.id, runId: run.id, direction: "outbound", body: "Sorry we missed you", status: "delivered", fromNumber: number.e164, toNumber: contact.e164 } });
    await db.message.create({ data: { clientId, contactId: contact.id, direction: "outbound", body: "Failed one", status: "failed", fromNumber: number.e164, toNumber: contact.e164 } });
    // Blocked because the contact opted out: not a failure anyone has to deal with (its own tab in Failed sends).
    await db.message.create({ data: { clientId, contactId: contact.id, direction: "outbound", body: "Blocked one", status: "blocked", fromNumber: number.e164, toNumber: contact.e164 } });
    await db.flowRun.update({ where: { id: run.id }, data: { replied: true } });
    expect(await t.callers.admin.clients.checklist({ clientId })).toMatchObject({ live: true });
    const health = (await t.callers.admin.clients.health()).find((h) => h.clientId === clientId)!;
    expect(health).toMatchObject({ live: true, texts7d: 3, failedSendsWaiting: 1, replyRate7d: 1 });
    // The overview card reads the same failures as the dashboard's "Failed sends to deal with".
    const overview = (await t.callers.admin.clients.list()).find((c) => c.id === clientId)!;
    expect(overview).toMatchObject({ missedCalls30d: 1, texts30d: 3, failedSends: 1 });
    expect(health.lastMissedCallAt).toBeInstanceOf(Date);
    // The owner of Greenfield sees only Greenfield's health.
    expect((await t.callers.owner.clients.health()).map((h) => h.clientId)).toEqual([t.clients.greenfield.id]);
  });
});
