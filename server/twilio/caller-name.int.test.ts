import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startLocalInngest, type LocalInngest } from "../doubles/inngest-server";
import type { createTenants } from "../testing/tenants";

// Twilio's CallerName (sent on every webhook of a call when the number has caller-name lookup)
// names a caller nobody has named yet, through the app's real route handlers.
let engine: LocalInngest;
let voice: (req: Request) => Promise<Response>;
let dialResult: (req: Request) => Promise<Response>;
let t: Awaited<ReturnType<typeof createTenants>>;
let business: string;
let clientId: string;

const token = "fake-twilio-auth-token";
const base = "http://localhost:3000";
const account = "AC00000000000000000000000000000000";
const sid = (n: number) => `CA${String(n).padStart(32, "0")}`;

beforeAll(async () => {
  engine = await startLocalInngest({ port: 0, log: () => {} });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.PUBLIC_BASE_URL = base;
  voice = (await import("@/app/api/twilio/voice/route")).POST;
  dialResult = (await import("@/app/api/twilio/dial-result/route")).POST;
  t = await (await import("../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId, note: null });
});
afterAll(() => engine?.close());

function post(path: string, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(token, `${base}${path}`, params);
  return new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

/** A call nobody answers, as Twilio posts it: the voice webhook, then the <Dial> action. */
async function missedCall(n: number, from: string, callerName?: string) {
  const params: Record<string, string> = { CallSid: sid(n), AccountSid: account, From: from, To: business, CallStatus: "ringing" };
  if (callerName !== undefined) params.CallerName = callerName;
  expect((await voice(post("/api/twilio/voice", params))).status).toBe(200);
  const answer = await dialResult(post("/api/twilio/dial-result", { ...params, CallStatus: "in-progress", DialCallStatus: "no-answer" }));
  expect(answer.status).toBe(200);
}

const contactOf = (e164: string) => db.contact.findUnique({ where: { clientId_e164: { clientId, e164 } }, select: { name: true, firstName: true } });
const startFactsOf = (callSid: string) => {
  const event = engine.engine.listEvents({ name: "flow/run.start" }).find((e) => (e.data as { triggerEventId: string }).triggerEventId === callSid);
  return (event?.data as { facts: { contact: { firstName: string | null; name: string | null; existing: boolean } } } | undefined)?.facts;
};

describe("the caller's name from Twilio's CallerName", () => {
  it("names a new caller (CNAM's capitals made readable), and the run's first text can greet them by first name", async () => {
    await missedCall(1, "+13125550401", "MARIA GARCIA");
    expect(await contactOf("+13125550401")).toEqual({ name: "Maria Garcia", firstName: "Maria" });
    expect(startFactsOf(sid(1))?.contact).toMatchObject({ firstName: "Maria", name: "Maria Garcia", existing: false });
  });

  it("names a known caller who has no name yet", async () => {
    await db.contact.create({ data: { clientId, e164: "+13125550402" } });
    await missedCall(2, "+13125550402", "Li Wei");
    expect(await contactOf("+13125550402")).toEqual({ name: "Li Wei", firstName: "Li" });
  });

  it("never overwrites a name staff typed", async () => {
    await t.callers.owner.contacts.update({
      clientId,
      contactId: (await db.contact.create({ data: { clientId, e164: "+13125550403" } })).id,
      name: "Mrs. Jones",
      tags: [],
    });
    await missedCall(3, "+13125550403", "JONES ROBERT");
    expect(await contactOf("+13125550403")).toEqual({ name: "Mrs. Jones", firstName: "Mrs." });
    expect(startFactsOf(sid(3))?.contact).toMatchObject({ name: "Mrs. Jones" });
  });

  it("takes no name from a lookup that found none (WIRELESS CALLER, UNAVAILABLE, a number, empty)", async () => {
    for (const [i, placeholder] of ["WIRELESS CALLER", "UNAVAILABLE", "+13125550404", "  ", "Anonymous"].entries()) {
      const from = `+1312555050${i}`;
      await missedCall(10 + i, from, placeholder);
      expect(await contactOf(from), placeholder).toMatchObject({ name: null, firstName: null });
    }
  });

  it("a call without CallerName names nobody", async () => {
    await missedCall(20, "+13125550420");
    expect(await contactOf("+13125550420")).toMatchObject({ name: null });
  });

  it("an answered call names a known nameless caller but creates no contact", async () => {
    await db.contact.create({ data: { clientId, e164: "+13125550421" } });
    for (const [n, from] of [[21, "+13125550421"], [22, "+13125550422"]] as const) {
      const params = { CallSid: sid(n), AccountSid: account, From: from, To: business, CallStatus: "ringing", CallerName: "SAM TAYLOR" };
      await voice(post("/api/twilio/voice", params));
      await dialResult(post("/api/twilio/dial-result", { ...params, DialCallStatus: "completed" }));
    }
    expect(await contactOf("+13125550421")).toEqual({ name: "Sam Taylor", firstName: "Sam" });
    expect(await contactOf("+13125550422")).toBeNull();
  });
});
