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

  it("unread and flagged conversations come first, a request is not hidden behind the flow's own later text, and opening a thread reads it", async () => {
    const business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
    const text = (from: string, body: string) => h.fake("/_fake/sms", { from, to: business, body });
    // Asks for a call back, then the flow texts them: its own text is the last message.
    const asking = "+13125550911";
    await text(asking, "Can someone call me back about a quote?");
    const askingContact = await db.contact.findFirstOrThrow({ where: { clientId, e164: asking } });
    await db.message.create({ data: { clientId, contactId: askingContact.id, direction: "outbound", body: "Thanks! We'll be in touch.", status: "delivered", fromNumber: business, toNumber: asking } });
    // Says "wrong number": flagged.
    const wrong = "+13125550912";
    await text(wrong, "wrong number");
    // A newer conversation that staff already read.
    const chatty = "+13125550913";
    await text(chatty, "Thanks, see you Tuesday");
    const chattyContact = await db.contact.findFirstOrThrow({ where: { clientId, e164: chatty } });
    await t.callers.ops.inbox.markRead({ clientId, contactId: chattyContact.id });
    await db.message.create({ data: { clientId, contactId: chattyContact.id, direction: "outbound", body: "See you then!", status: "delivered", fromNumber: business, toNumber: chatty } });

    const mine = (threads: { e164: string }[]) => threads.filter((x) => [asking, wrong, chatty].includes(x.e164));
    const before = mine(await t.callers.ops.inbox.threads({ clientId }));
    expect(before.map((x) => x.e164)).toEqual([wrong, asking, chatty]);
    expect(before[0]).toMatchObject({ unread: 1, flag: "Not taken as an answer: says it is the wrong number" });
    expect(before[1]).toMatchObject({ unread: 1, flag: null, lastUnread: { body: "Can someone call me back about a quote?" }, last: { body: "Thanks! We'll be in touch." } });
    expect(before[2]).toMatchObject({ unread: 0, lastUnread: null });

    const thread = await t.callers.ops.inbox.thread({ clientId, contactId: askingContact.id });
    expect(thread.messages.map((m) => m.unread)).toEqual([true, false]);
    expect(await t.callers.ops.inbox.markRead({ clientId, contactId: askingContact.id })).toEqual({ marked: 1 });
    const after = mine(await t.callers.ops.inbox.threads({ clientId }));
    expect(after.map((x) => x.e164)).toEqual([wrong, chatty, asking]);
    await expect(t.callers.otherAdmin.inbox.markRead({ clientId: t.clients.foreign.id, contactId: askingContact.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
