import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startAppHarness, type AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;

beforeAll(async () => {
  h = await startAppHarness();
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
}, 60_000);
afterAll(() => h?.close());

const sentTo = async (to: string) => (await h.fake<{ messages: { to: string; body: string }[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;

describe("inbox", () => {
  it("a staff reply goes through the guarded sendSms once, even when the form is submitted twice", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550901" } });
    await db.message.create({ data: { clientId, contactId: contact.id, direction: "inbound", body: "Are you open Sunday?", status: "received", fromNumber: contact.e164, toNumber: "+13125550100" } });
    const requestId = crypto.randomUUID();
    await Promise.all([
      t.callers.ops.inbox.reply({ clientId, contactId: contact.id, body: "Yes, 9 to 1.", requestId }),
      t.callers.ops.inbox.reply({ clientId, contactId: contact.id, body: "Yes, 9 to 1.", requestId }),
    ]);
    const texts = await sentTo(contact.e164);
    expect(texts).toHaveLength(1);
    expect(texts[0].body).toMatch(/Yes, 9 to 1\..*Reply STOP to opt out\./);
    const thread = await t.callers.ops.inbox.thread({ clientId, contactId: contact.id });
    expect(thread.messages.map((m) => m.direction)).toEqual(["inbound", "outbound"]);
  });

  it("a reply to an opted-out contact is refused and nothing is sent", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550902", optedOut: true, optedOutAt: new Date() } });
    const result = await t.callers.owner.inbox.reply({ clientId, contactId: contact.id, body: "Hello?", requestId: crypto.randomUUID() });
    expect(result.status).toBe("failed");
    expect(await sentTo(contact.e164)).toHaveLength(0);
  });

  it("another tenant cannot read or reply", async () => {
    const contact = await db.contact.create({ data: { clientId, e164: "+13125550903" } });
    await expect(t.callers.otherAdmin.inbox.thread({ clientId: t.clients.foreign.id, contactId: contact.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.callers.otherAdmin.inbox.reply({ clientId: t.clients.foreign.id, contactId: contact.id, body: "x", requestId: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
