import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startLocalInngest, type LocalInngest } from "../doubles/inngest-server";
import type { createTenants } from "../testing/tenants";
import type { WebhookRequest } from "./webhook-request";

// Webhooks called directly, with the local engine receiving the events they send.
let engine: LocalInngest;
let handleVoice: typeof import("./webhooks/voice").handleVoice;
let handleDialResult: typeof import("./webhooks/voice").handleDialResult;
let handleInboundSms: typeof import("./webhooks/sms").handleInboundSms;
let handleMessageStatus: typeof import("./webhooks/status").handleMessageStatus;

const token = "fake-twilio-auth-token";
const base = "http://localhost:3000";
const account = "AC00000000000000000000000000000000";
let t: Awaited<ReturnType<typeof createTenants>>;
let business: string;

beforeAll(async () => {
  engine = await startLocalInngest({ port: 0, log: () => {} });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.PUBLIC_BASE_URL = base;
  ({ handleVoice, handleDialResult } = await import("./webhooks/voice"));
  ({ handleInboundSms } = await import("./webhooks/sms"));
  ({ handleMessageStatus } = await import("./webhooks/status"));
  t = await (await import("../testing/tenants")).createTenants();
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId: t.clients.greenfield.id } })).e164;
});
afterAll(() => engine?.close());

function signed(path: string, params: Record<string, string>, options: { signUrl?: string; signature?: string | null; tamper?: Record<string, string> } = {}): WebhookRequest {
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(token, options.signUrl ?? `${base}${path}`, params) : options.signature;
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (signature) headers.set("x-twilio-signature", signature);
  return { url: `http://10.0.0.5:8080${path}`, headers, rawBody: new URLSearchParams({ ...params, ...options.tamper }).toString() };
}

const sid = (prefix: string, n: number) => `${prefix}${String(n).padStart(32, "0")}`;

describe("every Twilio webhook checks X-Twilio-Signature against the public base URL", () => {
  const params = () => ({ CallSid: sid("CA", 1), AccountSid: account, From: "+13125550301", To: business, CallStatus: "ringing" });

  it("a valid signature over PUBLIC_BASE_URL (not the URL the proxy handed us) is accepted", async () => {
    const response = await handleVoice(signed("/api/twilio/voice", params()));
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/<Dial timeout="20" action="http:\/\/localhost:3000\/api\/twilio\/dial-result" method="POST" callerId="\+13125550301"><Number>\+13125550199<\/Number><\/Dial>/);
    expect(await db.call.count({ where: { callSid: sid("CA", 1) } })).toBe(1);
  });

  it.each([
    ["one parameter changed after signing", { tamper: { From: "+13125550999" } }],
    ["signed for another URL", { signUrl: "http://evil.example/api/twilio/voice" }],
    ["no signature header", { signature: null }],
    ["a signature made with another token", { signature: twilio.getExpectedTwilioSignature("wrong", `${base}/api/twilio/voice`, { x: "1" }) }],
  ])("%s → 403 and nothing stored", async (_name, options) => {
    const p = { ...params(), CallSid: sid("CA", 2) };
    const response = await handleVoice(signed("/api/twilio/voice", p, options));
    expect(response.status).toBe(403);
    expect(await db.call.count({ where: { callSid: sid("CA", 2) } })).toBe(0);
  });

  it("a malformed body → 400 and nothing stored", async () => {
    const bad = { CallSid: "not-a-sid", AccountSid: account, From: "12", To: business };
    const response = await handleVoice(signed("/api/twilio/voice", bad));
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/CallSid/);
    expect(await db.call.count({ where: { fromNumber: "12" } })).toBe(0);
  });

  it("an oversized body → 413 and nothing stored", async () => {
    const huge = { ...params(), CallSid: sid("CA", 3), Junk: "x".repeat(70_000) };
    const response = await handleVoice(signed("/api/twilio/voice", huge));
    expect(response.status).toBe(413);
    expect(await db.call.count({ where: { callSid: sid("CA", 3) } })).toBe(0);
  });

  it("a number no business owns gets empty TwiML", async () => {
    const response = await handleVoice(signed("/api/twilio/voice", { ...params(), CallSid: sid("CA", 4), To: "+14155550000" }));
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/<Response\/>/);
  });

  it("an answered call is recorded as answered and starts nothing", async () => {
    await handleVoice(signed("/api/twilio/voice", { ...params(), CallSid: sid("CA", 5) }));
    const response = await handleDialResult(signed("/api/twilio/dial-result", { ...params(), CallSid: sid("CA", 5), DialCallStatus: "completed" }));
    expect(response.status).toBe(200);
    expect(await db.call.findUniqueOrThrow({ where: { callSid: sid("CA", 5) } })).toMatchObject({ status: "answered", missed: false });
  });

  it("a call from a known contact is linked to them; a redelivered voice webhook stores one Call and keeps it", async () => {
    const contact = await db.contact.create({ data: { clientId: t.clients.greenfield.id, e164: "+13125550302" } });
    const ringing = { ...params(), CallSid: sid("CA", 6), From: "+13125550302" };
    await handleVoice(signed("/api/twilio/voice", ringing));
    await handleDialResult(signed("/api/twilio/dial-result", { ...ringing, DialCallStatus: "completed" }));
    const response = await handleVoice(signed("/api/twilio/voice", ringing));
    expect(response.body).toContain("<Dial");
    expect(await db.call.findMany({ where: { callSid: sid("CA", 6) } })).toMatchObject([{ contactId: contact.id, status: "answered" }]);
  });

  it("nobody answers: the Call is missed with the reason and the caller hears a hang-up, or is asked for a voicemail where the number takes them", async () => {
    const missed = { ...params(), CallSid: sid("CA", 9) };
    await handleVoice(signed("/api/twilio/voice", missed));
    const hangUp = await handleDialResult(signed("/api/twilio/dial-result", { ...missed, DialCallStatus: "busy" }));
    expect(hangUp.body).toContain("<Hangup");
    expect(await db.call.findUniqueOrThrow({ where: { callSid: sid("CA", 9) } })).toMatchObject({ status: "missed", dialStatus: "busy", missed: true, reason: "busy" });

    const number = await db.phoneNumber.update({ where: { e164: business }, data: { voicemailEnabled: true } });
    const toVoicemail = { ...params(), CallSid: sid("CA", 10) };
    await handleVoice(signed("/api/twilio/voice", toVoicemail));
    const record = await handleDialResult(signed("/api/twilio/dial-result", { ...toVoicemail, DialCallStatus: "no-answer" }));
    await db.phoneNumber.update({ where: { id: number.id }, data: { voicemailEnabled: false } });
    expect(record.body).toContain("<Record");
    expect(record.body).toContain("Sorry, Greenfield Plumbing can't take your call");
    expect(await db.call.findUniqueOrThrow({ where: { callSid: sid("CA", 10) } })).toMatchObject({ status: "voicemail", dialStatus: "no-answer", missed: true, reason: "voicemail" });
  });

  it("a dial result for a call never seen gets empty TwiML and stores nothing", async () => {
    const response = await handleDialResult(signed("/api/twilio/dial-result", { ...params(), CallSid: sid("CA", 7), DialCallStatus: "no-answer" }));
    expect(response.body).toMatch(/<Response\/>/);
    expect(await db.call.findUnique({ where: { callSid: sid("CA", 7) } })).toBeNull();
  });

  it("an archived business's number gets empty TwiML: no Call, no event", async () => {
    const bright = await db.client.update({ where: { id: t.clients.bright.id }, data: { archivedAt: new Date() } });
    const number = (await db.phoneNumber.findFirstOrThrow({ where: { clientId: bright.id } })).e164;
    const response = await handleVoice(signed("/api/twilio/voice", { ...params(), CallSid: sid("CA", 8), To: number }));
    await db.client.update({ where: { id: bright.id }, data: { archivedAt: null } });
    expect(response.body).toMatch(/<Response\/>/);
    expect(await db.call.findUnique({ where: { callSid: sid("CA", 8) } })).toBeNull();
  });
});

describe("inbound texts", () => {
  const sms = (n: number, body: string, from = "+13125550311") => ({ MessageSid: sid("SM", n), AccountSid: account, From: from, To: business, Body: body, NumMedia: "0" });

  it("STOP opts the contact out and confirms; a redelivery stores the text once", async () => {
    const first = await handleInboundSms(signed("/api/twilio/sms", sms(1, "Stop")));
    expect(first.body).toMatch(/unsubscribed from Greenfield Plumbing texts/);
    const contact = await db.contact.findFirstOrThrow({ where: { e164: "+13125550311" } });
    expect(contact.optedOut).toBe(true);
    const events = (await (await fetch(`${engine.url}/control/events?name=contact/opted-out`)).json()) as { events: { data: { contactE164: string } }[] };
    expect(events.events.map((e) => e.data.contactE164)).toContain("+13125550311");
    await handleInboundSms(signed("/api/twilio/sms", sms(1, "Stop")));
    expect(await db.message.count({ where: { twilioSid: sid("SM", 1) } })).toBe(1);
  });

  it.each(["STOPALL", "unsubscribe", "Cancel", "END", "quit"])("%s is an opt-out too", async (word) => {
    const from = `+1312555${String(4000 + word.length).slice(-4)}`;
    await handleInboundSms(signed("/api/twilio/sms", sms(100 + word.length, word, from)));
    expect((await db.contact.findFirstOrThrow({ where: { e164: from } })).optedOut).toBe(true);
  });

  it("Twilio's OptOutType STOP opts out without a second confirmation", async () => {
    const response = await handleInboundSms(signed("/api/twilio/sms", { ...sms(2, "arrêt", "+13125550312"), OptOutType: "STOP" }));
    expect(response.body).toMatch(/<Response\/>/);
    expect((await db.contact.findFirstOrThrow({ where: { e164: "+13125550312" } })).optedOut).toBe(true);
  });

  it("START opts the contact back in; HELP answers with the business and how to opt out", async () => {
    await handleInboundSms(signed("/api/twilio/sms", sms(3, "STOP", "+13125550313")));
    const start = await handleInboundSms(signed("/api/twilio/sms", sms(4, "start", "+13125550313")));
    expect(start.body).toMatch(/resubscribed/);
    expect((await db.contact.findFirstOrThrow({ where: { e164: "+13125550313" } })).optedOut).toBe(false);
    const help = await handleInboundSms(signed("/api/twilio/sms", sms(5, "HELP", "+13125550313")));
    expect(help.body).toMatch(/Greenfield Plumbing: for help call .*Reply STOP to opt out/);
  });
});

describe("delivery status only moves forward", () => {
  async function outbound(n: number) {
    return db.message.create({
      data: { clientId: t.clients.greenfield.id, direction: "outbound", body: "hi", status: "queued", twilioSid: sid("SM", 900 + n), fromNumber: business, toNumber: "+13125550321" },
    });
  }
  const status = (n: number, MessageStatus: string, ErrorCode?: string) =>
    handleMessageStatus(signed("/api/twilio/status", { MessageSid: sid("SM", 900 + n), AccountSid: account, MessageStatus, ...(ErrorCode ? { ErrorCode } : {}) }));

  it("a late 'sent' never overwrites 'delivered'", async () => {
    const m = await outbound(1);
    await status(1, "delivered");
    await status(1, "sent");
    expect((await db.message.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("delivered");
  });

  it("undelivered records the error code in words", async () => {
    const m = await outbound(2);
    await status(2, "sent");
    await status(2, "undelivered", "30007");
    const after = await db.message.findUniqueOrThrow({ where: { id: m.id } });
    expect(after).toMatchObject({ status: "undelivered", errorCode: 30007 });
    expect(after.errorMessage).toMatch(/carrier filtered this text as spam/);
  });

  it("a status for an unknown message is ignored", async () => {
    expect((await status(999, "delivered")).status).toBe(204);
  });
});

describe("a status callback that beats the send's own write", () => {
  it("finds the message by the id in its callback URL and records the SID and status", async () => {
    const m = await db.message.create({
      data: { clientId: t.clients.greenfield.id, direction: "outbound", body: "hi", status: "sending", fromNumber: business, toNumber: "+13125550331" },
    });
    const params = { MessageSid: sid("SM", 777), AccountSid: account, MessageStatus: "delivered" };
    const response = await handleMessageStatus(signed(`/api/twilio/status?m=${m.id}`, params));
    expect(response.status).toBe(204);
    expect(await db.message.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "delivered", twilioSid: sid("SM", 777) });
  });
});
