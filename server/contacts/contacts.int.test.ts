import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startLocalInngest, type LocalInngest } from "../doubles/inngest-server";
import type { createTenants } from "../testing/tenants";

let engine: LocalInngest;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;

beforeAll(async () => {
  engine = await startLocalInngest({ port: 0, log: () => {} });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
});
afterAll(() => engine?.close());

const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string }) => e.code ?? "ERROR");

describe("contacts, leads and appointments", () => {
  it("ops can opt a contact out, and nothing in the app can opt them back in", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550801" } });
    await t.callers.ops.contacts.optOut({ clientId, contactId: contact.id });
    const row = (await t.callers.ops.contacts.list({ clientId })).find((c) => c.id === contact.id)!;
    expect(row.optedOut).toBe(true);
    expect(Object.keys(t.callers.ops.contacts)).not.toContain("optIn");
  });

  it("lead status changes, and a second open lead for the contact is refused with a message", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550802" } });
    const first = await db.lead.create({ data: { clientId, contactId: contact.id, status: "won" } });
    await db.lead.create({ data: { clientId, contactId: contact.id, status: "open" } });
    await expect(t.callers.owner.contacts.setLeadStatus({ clientId, leadId: first.id, status: "open" })).rejects.toThrow(/already has another open lead/);
    await t.callers.owner.contacts.setLeadStatus({ clientId, leadId: first.id, status: "lost" });
    expect((await db.lead.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("lost");
  });

  it("another tenant sees none of it", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550803" } });
    const appointment = await db.appointment.create({ data: { clientId, contactId: contact.id, startsAt: new Date("2026-12-01T15:00:00Z"), endsAt: new Date("2026-12-01T16:00:00Z") } });
    expect(await codeOf(t.callers.otherAdmin.contacts.list({ clientId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.otherAdmin.contacts.optOut({ clientId: t.clients.foreign.id, contactId: contact.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.otherAdmin.contacts.cancelAppointment({ clientId: t.clients.foreign.id, appointmentId: appointment.id }))).toBe("NOT_FOUND");
    expect((await db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("booked");
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).optedOut).toBe(false);
  });
});

describe("naming, tagging, finding and exporting contacts", () => {
  it("staff name and tag a contact: the first name and the tags are what flows read; search finds them by name, tag or number", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550811" } });
    const saved = await t.callers.ops.contacts.update({ clientId, contactId: contact.id, name: "  Maria  Lopez ", tags: ["VIP", " landlord", "vip"] });
    expect(saved).toMatchObject({ name: "Maria  Lopez", firstName: "Maria", tags: ["vip", "landlord"] });
    const ids = async (search: string) => (await t.callers.ops.contacts.list({ clientId, search })).map((c) => c.id);
    expect(await ids("maria")).toEqual([contact.id]);
    expect(await ids("VIP")).toEqual([contact.id]);
    expect(await ids("555-0811")).toEqual([contact.id]);
    expect(await ids("nobody")).toEqual([]);
    await expect(t.callers.ops.contacts.update({ clientId, contactId: contact.id, name: null, tags: ["<script>"] })).rejects.toThrow(/Tags are words/);
  });

  it("exports contacts, leads and runs as CSV, only the client's own", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550812", name: "=cmd", tags: ["vip"] } });
    await db.lead.create({ data: { clientId, contactId: contact.id, status: "open", source: "missed call" } });
    const contacts = await t.callers.ops.contacts.exportCsv({ clientId, kind: "contacts" });
    expect(contacts.filename).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(contacts.csv.split("\r\n")[0]).toBe("phone,name,tags,opted_out,opted_out_at,created_at");
    expect(contacts.csv).toContain("+13125550812,'=cmd,vip,false,,");
    expect((await t.callers.ops.contacts.exportCsv({ clientId, kind: "leads" })).csv).toContain("+13125550812,'=cmd,open,missed call");
    expect((await t.callers.ops.contacts.exportCsv({ clientId, kind: "runs" })).csv.split("\r\n")[0]).toBe("run_id,flow,version,caller,status,outcome,error,started_at,ended_at");
    expect(await codeOf(t.callers.otherAdmin.contacts.exportCsv({ clientId, kind: "contacts" }))).toBe("NOT_FOUND");
  });
});
