import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppHarness } from "../testing/app-harness";

// The demo data that `npm run dev` seeds: its clients' numbers are verified the way the app verifies
// any number (read back from Twilio, webhooks pointing here), the fake Twilio's account holds those
// numbers and an approved A2P Messaging Service, so the demo's checklist is done up to the test call.

let h: AppHarness;
let db: typeof import("../db/client").db;

beforeAll(async () => {
  const { startAppHarness } = await import("../testing/app-harness");
  h = await startAppHarness();
  ({ db } = await import("../db/client"));
}, 60_000);
afterAll(() => h?.close());

describe("demo seed against the fake Twilio", () => {
  it("leaves the demo numbers verified, in the fake's account with the app's webhooks, and the A2P campaign approved", async () => {
    const { seedDemoData } = await import("../../prisma/seed-demo");
    const { demoClients } = await import("../../prisma/demo-data");
    const { goLiveChecklists } = await import("../clients/go-live");
    await seedDemoData();
    await seedDemoData(); // idempotent: a second run (every `npm run dev`) adds nothing to Twilio
    for (const c of Object.values(demoClients)) {
      const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: c.number.e164 } });
      expect(number.verifiedAt).not.toBeNull();
      const inTwilio = h.twilio.state.numbers.filter((n) => n.phoneNumber === c.number.e164);
      expect(inTwilio).toHaveLength(1);
      expect(inTwilio[0]).toMatchObject({ sid: number.twilioSid, voiceUrl: `${h.appUrl}/api/twilio/voice#rc=3&rp=5xx,ct,rt`, smsUrl: `${h.appUrl}/api/twilio/sms#rc=3&rp=5xx,ct,rt` });
      const client = await db.client.findUniqueOrThrow({ where: { id: c.id } });
      expect(client).toMatchObject({ a2pCampaignStatus: "VERIFIED" });
      expect(h.twilio.state.messagingServices.map((s) => s.sid)).toContain(client.messagingServiceSid);
      const checklist = (await goLiveChecklists([c.id])).get(c.id)!;
      expect(checklist.items.filter((i) => !i.done).map((i) => i.key)).toEqual(["testCall"]);
    }
    expect(h.twilio.state.messagingServices).toHaveLength(1);
  });

  it("after the fake Twilio restarts (it forgets its account), the next seed gives it the numbers under the SIDs the database knows", async () => {
    const { seedDemoData } = await import("../../prisma/seed-demo");
    const { demoClients } = await import("../../prisma/demo-data");
    const before = await db.phoneNumber.findMany({ where: { e164: { in: Object.values(demoClients).map((c) => c.number.e164) } }, orderBy: { e164: "asc" } });
    await h.fake("/_fake/reset", {});
    await seedDemoData();
    const after = await db.phoneNumber.findMany({ where: { id: { in: before.map((n) => n.id) } }, orderBy: { e164: "asc" } });
    expect(after.map((n) => [n.twilioSid, n.verifiedAt !== null])).toEqual(before.map((n) => [n.twilioSid, true]));
    expect(h.twilio.state.numbers.map((n) => n.sid).sort()).toEqual(before.map((n) => n.twilioSid).sort());
  });
});
