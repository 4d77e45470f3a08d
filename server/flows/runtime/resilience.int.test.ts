import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";

// Conditions that break text-back systems in production, on loopback, bounded in time. The app's
// process killed while a run waits for a reply is app-killed.int.test.ts (a real child process).

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

beforeAll(async () => {
  h = await startAppHarness();
  t = await (await import("../../testing/tenants")).createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Full", starter: "full-follow-up" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 60_000);
afterAll(() => h?.close());

type FakeMessage = { to: string; body: string; direction: string };
const textsTo = async (to: string) =>
  (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages.filter((m) => m.direction === "outbound-api");

describe("resilience", () => {
  it("50 concurrent missed calls from one caller: one text (the cooldown holds)", async () => {
    const caller = "+13125550701";
    const calls = await Promise.all(Array.from({ length: 50 }, () => h.fake<{ steps: { status: number }[] }>("/_fake/calls", { from: caller, to: business, outcome: "no-answer" })));
    expect(calls.every((c) => c.steps.every((s) => s.status === 200))).toBe(true);
    await eventually(
      "all 50 runs to settle",
      async () => (await db.flowRun.count({ where: { callerNumber: caller, status: { in: ["completed", "waiting"] } } })) === 50,
      60_000,
    );
    expect(await textsTo(caller)).toHaveLength(1);
    expect(await db.flowRun.count({ where: { callerNumber: caller, status: "completed", outcome: { not: null } } })).toBe(49);
  }, 90_000);

  it("replayed requests with changed parameters and forged signatures change nothing", async () => {
    const before = await db.call.count();
    const forged = await fetch(`${h.appUrl}/api/twilio/dial-result`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "Zm9yZ2Vk" },
      body: new URLSearchParams({ CallSid: `CA${"1".repeat(32)}`, AccountSid: `AC${"0".repeat(32)}`, From: "+13125550703", To: business, DialCallStatus: "no-answer" }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await db.call.count()).toBe(before);
  });
});
