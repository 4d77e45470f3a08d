import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

// US texting needs an approved A2P 10DLC campaign on a Messaging Service. The client picks the
// service from Twilio's Messaging Services API, the app reads the campaign's status through the API
// (the fake Twilio here, through the real twilio client), ticks the go-live item when it is
// approved, says plainly when texts will be filtered, and sends through the chosen service.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let db: typeof import("../db/client").db;

beforeAll(async () => {
  const { startAppHarness } = await import("../testing/app-harness");
  h = await startAppHarness();
  ({ db } = await import("../db/client"));
  t = await (await import("../testing/tenants")).createTenants();
}, 60_000);
afterAll(() => h?.close());

type Service = { sid: string; friendlyName: string };
const service = (friendlyName: string, campaignStatus?: string) => h.fake<Service>("/_fake/messaging-services", { friendlyName, campaignStatus });
const campaign = (serviceSid: string, status: string | null) => h.fake("/_fake/messaging-services/campaign", { serviceSid, status });
const greenfield = () => t.clients.greenfield.id;
const a2pItem = async (caller = t.callers.admin) => (await caller.clients.checklist({ clientId: greenfield() })).items.find((i) => i.key === "a2p");

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("picking the Messaging Service and reading its A2P campaign", () => {
  it("a US client without a Messaging Service has an open A2P item that says texts will be filtered", async () => {
    const item = await a2pItem();
    expect(item).toMatchObject({ label: "A2P campaign approved (US)", done: false });
    expect(item!.hint).toMatch(/Texts to US numbers will be filtered by carriers until.*Messaging Service/);
    const checklist = await t.callers.admin.clients.checklist({ clientId: greenfield() });
    expect(checklist.live).toBe(false);
    expect(checklist.a2pWarning).toMatch(/^Texts to US numbers will be filtered by carriers/);
  });

  it("lists the account's Messaging Services from Twilio; choosing one reads its campaign: IN_PROGRESS is said plainly", async () => {
    const pending = await service("Greenfield texts", "IN_PROGRESS");
    await service("Other brand");
    const listed = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    expect(listed.chosen).toBeNull();
    expect(listed.services.map((s) => s.friendlyName)).toEqual(expect.arrayContaining(["Greenfield texts", "Other brand"]));

    const chosen = await t.callers.owner.numbers.chooseMessagingService({ clientId: greenfield(), messagingServiceSid: pending.sid });
    expect(chosen).toMatchObject({ messagingServiceSid: pending.sid, campaignStatus: "IN_PROGRESS" });
    expect(await db.client.findUniqueOrThrow({ where: { id: greenfield() }, select: { messagingServiceSid: true, a2pCampaignStatus: true } })).toEqual({
      messagingServiceSid: pending.sid,
      a2pCampaignStatus: "IN_PROGRESS",
    });
    const checklist = await t.callers.ops.clients.checklist({ clientId: greenfield() });
    expect(checklist.a2pWarning).toBe("Texts to US numbers will be filtered by carriers until the A2P campaign is approved: status IN_PROGRESS");
    expect(checklist.items.find((i) => i.key === "a2p")).toMatchObject({ done: false, hint: checklist.a2pWarning });
    const audit = await db.auditEvent.findFirst({ where: { clientId: greenfield(), action: "client.settings.messagingService" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: t.users.owner.id, data: { messagingServiceSid: pending.sid, campaignStatus: "IN_PROGRESS" } });
  });

  it("when the campaign is approved in Twilio, a refresh reads VERIFIED and ticks the item; the warning goes", async () => {
    const { chosen } = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    await campaign(chosen!, "VERIFIED");
    // Until refreshed, the app says what it last read.
    expect((await a2pItem())!.done).toBe(false);
    expect(await t.callers.admin.numbers.refreshA2p({ clientId: greenfield() })).toMatchObject({ messagingServiceSid: chosen, campaignStatus: "VERIFIED" });
    expect((await a2pItem())!.done).toBe(true);
    expect((await t.callers.admin.clients.checklist({ clientId: greenfield() })).a2pWarning).toBeNull();
    // A campaign Twilio later rejects is read back as FAILED and said so.
    await campaign(chosen!, "FAILED");
    await t.callers.admin.numbers.refreshA2p({ clientId: greenfield() });
    expect((await t.callers.admin.clients.checklist({ clientId: greenfield() })).a2pWarning).toMatch(/status FAILED/);
    await campaign(chosen!, "VERIFIED");
    await t.callers.admin.numbers.refreshA2p({ clientId: greenfield() });
  });

  it("a service with no A2P campaign on it says so, in words", async () => {
    const bare = await service("No campaign yet");
    const bright = t.clients.bright.id;
    expect(await t.callers.admin.numbers.chooseMessagingService({ clientId: bright, messagingServiceSid: bare.sid })).toMatchObject({ campaignStatus: "NONE" });
    expect((await t.callers.admin.clients.checklist({ clientId: bright })).a2pWarning).toBe(
      "Texts to US numbers will be filtered by carriers until the A2P campaign is approved: no A2P campaign is registered on this Messaging Service",
    );
  });

  it("a Messaging Service Twilio does not have: NOT_FOUND in words, and nothing changes", async () => {
    const before = await db.client.findUniqueOrThrow({ where: { id: greenfield() }, select: { messagingServiceSid: true } });
    const unknown = `MG${"0".repeat(32)}`;
    await expect(t.callers.admin.numbers.chooseMessagingService({ clientId: greenfield(), messagingServiceSid: unknown })).rejects.toThrow(
      /Twilio has no Messaging Service MG0+ on this account.*Pick one from the list.*20404/,
    );
    expect(await db.client.findUniqueOrThrow({ where: { id: greenfield() }, select: { messagingServiceSid: true } })).toEqual(before);
    await expect(t.callers.admin.numbers.chooseMessagingService({ clientId: greenfield(), messagingServiceSid: "not-a-sid" })).rejects.toThrow(/starts with MG/);
  });

  it("Twilio down while reading the campaign: a clear error, nothing stored", async () => {
    const { chosen } = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    const port = new URL(h.twilio.url).port;
    const { env } = await import("../env");
    const saved = env.FAKE_TWILIO_URL;
    (env as { FAKE_TWILIO_URL: string }).FAKE_TWILIO_URL = "http://127.0.0.1:9";
    try {
      await expect(t.callers.admin.numbers.refreshA2p({ clientId: greenfield() })).rejects.toThrow(/Could not reach Twilio/);
    } finally {
      (env as { FAKE_TWILIO_URL: string }).FAKE_TWILIO_URL = saved;
    }
    expect(port).not.toBe("9");
    expect((await db.client.findUniqueOrThrow({ where: { id: greenfield() } })).a2pCampaignStatus).toBe("VERIFIED");
    expect(chosen).not.toBeNull();
  });

  it("roles: agency admins and owners choose and refresh; builders and ops cannot; other tenants get NOT_FOUND", async () => {
    const { chosen } = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    const choose = (caller: typeof t.callers.admin, clientId = greenfield()) => caller.numbers.chooseMessagingService({ clientId, messagingServiceSid: chosen });
    expect(await codeOf(choose(t.callers.admin))).toBe("OK");
    expect(await codeOf(choose(t.callers.owner))).toBe("OK");
    expect(await codeOf(choose(t.callers.builder))).toBe("FORBIDDEN");
    expect(await codeOf(choose(t.callers.ops))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.ops.numbers.messagingServices({ clientId: greenfield() }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.ops.numbers.refreshA2p({ clientId: greenfield() }))).toBe("FORBIDDEN");
    expect(await codeOf(choose(t.callers.otherAdmin))).toBe("NOT_FOUND");
    expect(await codeOf(choose(t.callers.admin, t.clients.foreign.id))).toBe("NOT_FOUND");
  });

  it("clearing the service sends from the number again, and the item is open once more", async () => {
    const { chosen } = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    await t.callers.admin.numbers.chooseMessagingService({ clientId: greenfield(), messagingServiceSid: null });
    expect(await db.client.findUniqueOrThrow({ where: { id: greenfield() }, select: { messagingServiceSid: true, a2pCampaignStatus: true } })).toEqual({
      messagingServiceSid: null,
      a2pCampaignStatus: null,
    });
    expect((await a2pItem())!.done).toBe(false);
    await t.callers.admin.numbers.chooseMessagingService({ clientId: greenfield(), messagingServiceSid: chosen });
  });
});

describe("sending through the chosen Messaging Service", () => {
  it("a text goes to Twilio with the Messaging Service and from the business's number, so the caller sees the number they called", async () => {
    const { sendSms } = await import("../messaging/send-sms");
    const { defaultSmsTransport } = await import("../messaging/default-transport");
    const { chosen } = await t.callers.admin.numbers.messagingServices({ clientId: greenfield() });
    const result = await sendSms({ clientId: greenfield(), to: "+13125550477", body: "Sorry we missed you", transport: defaultSmsTransport(), immediate: true });
    expect(result.status).toBe("sent");
    const inTwilio = h.twilio.state.messages.find((m) => m.to === "+13125550477")!;
    const number = await db.phoneNumber.findFirstOrThrow({ where: { clientId: greenfield() } });
    expect(inTwilio).toMatchObject({ messagingServiceSid: chosen, from: number.e164 });
    const row = await db.message.findUniqueOrThrow({ where: { id: result.messageId } });
    expect(row.fromNumber).toBe(inTwilio.from);
  });
});
