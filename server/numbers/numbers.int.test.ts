import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

// Phone numbers through the app against the fake Twilio, through the real twilio client: search
// by area code, buy with the webhooks set, take over an account number, verify and repair drift,
// Twilio's errors in words, and "keep your existing line" calls that are missed by definition.

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

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
const dial = { mode: "dial" as const, forwardTo: "+14155550123", ringTimeoutSeconds: 20, voicemailEnabled: false };
const greenfield = () => t.clients.greenfield.id;

describe("buying a number", () => {
  it("searches an area code and buys a number whose voice, call-status and messaging URLs point at the app", async () => {
    const found = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "415" });
    expect(found.length).toBeGreaterThan(3);
    expect(found.every((n) => n.e164.startsWith("+1415"))).toBe(true);
    const number = await t.callers.admin.numbers.buy({ clientId: greenfield(), e164: found[0].e164, setup: dial });
    expect(number).toMatchObject({ e164: found[0].e164, mode: "dial", forwardTo: "+14155550123" });
    expect(number.twilioSid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(number.verifiedAt).not.toBeNull();
    const inTwilio = h.twilio.state.numbers.find((n) => n.phoneNumber === found[0].e164)!;
    expect(inTwilio).toMatchObject({
      sid: number.twilioSid,
      voiceUrl: `${h.appUrl}/api/twilio/voice#rc=3&rp=5xx,ct,rt`,
      statusCallback: `${h.appUrl}/api/twilio/call-status#rc=3&rp=5xx,ct,rt`,
      smsUrl: `${h.appUrl}/api/twilio/sms#rc=3&rp=5xx,ct,rt`,
    });
    // Bought numbers are no longer for sale.
    const again = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "415" });
    expect(again.map((n) => n.e164)).not.toContain(found[0].e164);
  });

  it("a number someone else bought meanwhile: Twilio's 21422, in words, and nothing saved", async () => {
    const [n] = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "628" });
    await h.fake("/_fake/numbers/taken", { phoneNumber: n.e164 });
    await expect(t.callers.admin.numbers.buy({ clientId: greenfield(), e164: n.e164, setup: dial })).rejects.toThrow(/no longer available.*Search again.*21422/);
    expect(await db.phoneNumber.count({ where: { e164: n.e164 } })).toBe(0);
  });

  it("a number already connected to a business is refused before anything is bought", async () => {
    const theirs = await db.phoneNumber.findFirstOrThrow({ where: { clientId: t.clients.foreign.id } });
    await expect(t.callers.admin.numbers.buy({ clientId: greenfield(), e164: theirs.e164, setup: dial })).rejects.toThrow(/already connected to another business/);
  });

  it("a bad area code: Twilio's 21451 in words; a malformed one never reaches Twilio", async () => {
    await expect(t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "911" })).rejects.toThrow(/not a North American area code.*21451/);
    const requests = h.twilio.state.requests;
    expect(await codeOf(t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "41" }))).toBe("BAD_REQUEST");
    expect(h.twilio.state.requests).toBe(requests);
  });

  it.each([
    ["admin", "OK"],
    ["owner", "OK"],
    ["builder", "FORBIDDEN"],
    ["ops", "FORBIDDEN"],
    ["otherAdmin", "NOT_FOUND"],
  ] as const)("%s may search and buy: %s", async (who, expected) => {
    expect(await codeOf(t.callers[who].numbers.search({ clientId: greenfield(), areaCode: "212" }))).toBe(expected);
    expect(await codeOf(t.callers[who].numbers.account({ clientId: greenfield() }))).toBe(expected);
  });
});

describe("a number the agency already has", () => {
  it("lists it with where it points, takes it over, and verification then passes", async () => {
    const owned = await h.fake<{ sid: string }>("/_fake/numbers", { phoneNumber: "+13125550177", voiceUrl: "https://old-ivr.example.com/voice" });
    const listed = (await t.callers.owner.numbers.account({ clientId: greenfield() })).find((n) => n.sid === owned.sid)!;
    expect(listed).toMatchObject({ voiceUrl: "https://old-ivr.example.com/voice", pointsAtApp: false, usedBy: null });
    const number = await t.callers.owner.numbers.takeOver({ clientId: greenfield(), twilioSid: owned.sid, setup: { ...dial, voicemailEnabled: true } });
    expect(h.twilio.state.numbers.find((n) => n.sid === owned.sid)!.voiceUrl).toBe(`${h.appUrl}/api/twilio/voice#rc=3&rp=5xx,ct,rt`);
    expect((await t.callers.owner.numbers.account({ clientId: greenfield() })).find((n) => n.sid === owned.sid)).toMatchObject({ pointsAtApp: true, usedBy: "this business" });
    expect(await t.callers.owner.numbers.verify({ clientId: greenfield(), phoneNumberId: number.id })).toMatchObject({ ok: true, inAccount: true });
  });

  it("verification flags a webhook someone changed in Twilio, and repair points it back", async () => {
    const [n] = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "646" });
    const number = await t.callers.admin.numbers.buy({ clientId: greenfield(), e164: n.e164, setup: dial });
    h.twilio.state.numbers.find((x) => x.sid === number.twilioSid)!.voiceUrl = "https://someone-else.example.com/voice";
    const check = await t.callers.admin.numbers.verify({ clientId: greenfield(), phoneNumberId: number.id });
    expect(check.ok).toBe(false);
    expect(check.checks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ field: "voiceUrl", actual: "https://someone-else.example.com/voice" })]);
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: number.id } })).verifiedAt).toBeNull();
    expect(await t.callers.admin.numbers.repair({ clientId: greenfield(), phoneNumberId: number.id })).toMatchObject({ ok: true });
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: number.id } })).verifiedAt).not.toBeNull();
  });

  it("a number typed in by hand that is not in the account is reported as such", async () => {
    const manual = await db.phoneNumber.findFirstOrThrow({ where: { clientId: t.clients.bright.id } });
    expect(await t.callers.admin.numbers.verify({ clientId: t.clients.bright.id, phoneNumberId: manual.id })).toMatchObject({ ok: false, inAccount: false });
  });
});

describe("keep your existing line", () => {
  it("a call forwarded from the business line is missed by definition: no <Dial>, voicemail when enabled", async () => {
    const [n] = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "917" });
    await t.callers.admin.numbers.buy({ clientId: greenfield(), e164: n.e164, setup: { mode: "forwarded", businessLine: "+14155550124", voicemailEnabled: false } });
    const call = await h.fake<{ sid: string; steps: { request: string; twiml: string }[] }>("/_fake/calls", { from: "+14155550188", to: n.e164, outcome: "no-answer", forwardedFrom: "+14155550124" });
    expect(call.steps[0].twiml).not.toContain("<Dial");
    expect(call.steps[0].twiml).toContain("<Hangup");
    expect(await db.call.findUniqueOrThrow({ where: { callSid: call.sid } })).toMatchObject({ missed: true, reason: "no-answer", dialStatus: "no-answer" });

    const [v] = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "718" });
    await t.callers.admin.numbers.buy({ clientId: greenfield(), e164: v.e164, setup: { mode: "forwarded", businessLine: "+14155550125", voicemailEnabled: true } });
    const withVoicemail = await h.fake<{ steps: { twiml: string }[] }>("/_fake/calls", { from: "+14155550189", to: v.e164, outcome: "no-answer", voicemail: "Brakes squeal" });
    expect(withVoicemail.steps[0].twiml).toContain("<Record");
  });

  it("a ring-first number whose call was forwarded back from its own business line does not dial that line again", async () => {
    const [n] = await t.callers.admin.numbers.search({ clientId: greenfield(), areaCode: "510" });
    await t.callers.admin.numbers.buy({ clientId: greenfield(), e164: n.e164, setup: { ...dial, forwardTo: "+14155550126" } });
    const looped = await h.fake<{ steps: { twiml: string }[] }>("/_fake/calls", { from: "+14155550190", to: n.e164, outcome: "no-answer", forwardedFrom: "+14155550126" });
    expect(looped.steps[0].twiml).not.toContain("<Dial");
    const direct = await h.fake<{ steps: { twiml: string }[] }>("/_fake/calls", { from: "+14155550191", to: n.e164, outcome: "no-answer" });
    expect(direct.steps[0].twiml).toContain("<Dial");
  });
});
