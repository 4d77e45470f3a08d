import { beforeAll, describe, expect, it } from "vitest";
import { bookSlot, findFreeSlots } from "../../booking/booking-service";
import { db } from "../../db/client";
import { openLead } from "../../leads/lead-service";
import { createTenants } from "../../testing/tenants";
import { claimCooldown } from "./cooldown";

let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id;
});

describe("cooldown is an atomic claim", () => {
  it("20 concurrent claims for the same contact: exactly one passes", async () => {
    const now = new Date("2026-11-23T15:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimCooldown({ clientId, contactE164: "+13125550111", scope: "*", windowMinutes: 60, runId: `run_${i}`, now })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("the run holding the claim gets it again on a retried step; others wait out the window", async () => {
    const now = new Date("2026-11-23T15:00:00Z");
    const claim = (runId: string, at: Date) => claimCooldown({ clientId, contactE164: "+13125550112", scope: "flow_a", windowMinutes: 60, runId, now: at });
    expect(await claim("run_a", now)).toBe(true);
    expect(await claim("run_a", now)).toBe(true);
    expect(await claim("run_b", new Date(now.getTime() + 59 * 60_000))).toBe(false);
    expect(await claim("run_b", new Date(now.getTime() + 60 * 60_000))).toBe(true);
  });

  it("a flow-scoped cooldown does not block another flow", async () => {
    const now = new Date("2026-11-23T15:00:00Z");
    expect(await claimCooldown({ clientId, contactE164: "+13125550113", scope: "flow_a", windowMinutes: 60, runId: "r1", now })).toBe(true);
    expect(await claimCooldown({ clientId, contactE164: "+13125550113", scope: "flow_b", windowMinutes: 60, runId: "r2", now })).toBe(true);
  });
});

describe("leads: one open lead per contact", () => {
  it("10 concurrent runs for the same caller open one lead", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => openLead({ clientId, contactE164: "+13125550121", runId: `run_${i}` })));
    expect(new Set(results.map((r) => r.leadId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.lead.count({ where: { clientId, contact: { e164: "+13125550121" } } })).toBe(1);
  });

  it("once the lead is closed, a new call opens a new one", async () => {
    const first = await openLead({ clientId, contactE164: "+13125550122" });
    await db.lead.update({ where: { id: first.leadId }, data: { status: "won", closedAt: new Date() } });
    const second = await openLead({ clientId, contactE164: "+13125550122" });
    expect(second.leadId).not.toBe(first.leadId);
    expect(second.created).toBe(true);
  });
});

describe("booking", () => {
  it("offers slots inside business hours and never double-books: 10 concurrent bookings of one slot, one wins", async () => {
    // Monday 2026-11-23 06:00 Chicago: the first slot is 08:00 (hours 08:00–17:00, 60 min + 15 buffer).
    const slots = await findFreeSlots({ clientId, from: new Date("2026-11-23T12:00:00Z"), count: 3 });
    expect(slots[0]).toEqual({ startsAt: "2026-11-23T14:00:00.000Z", endsAt: "2026-11-23T15:00:00.000Z" });
    const slot = { startsAt: new Date(slots[0].startsAt), endsAt: new Date(slots[0].endsAt) };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => bookSlot({ clientId, contactE164: `+1312555013${i}`, ...slot, runId: `run_book_${i}` })),
    );
    expect(results.filter((r) => r.booked)).toHaveLength(1);
    expect(await db.appointment.count({ where: { clientId, startsAt: slot.startsAt, status: "booked" } })).toBe(1);
    // The booked slot is no longer offered.
    const after = await findFreeSlots({ clientId, from: new Date("2026-11-23T12:00:00Z"), count: 1 });
    expect(after[0].startsAt).not.toBe(slots[0].startsAt);
  });

  it("a retried booking step of the same run reports its own appointment as booked", async () => {
    const slot = { startsAt: new Date("2026-11-24T16:00:00Z"), endsAt: new Date("2026-11-24T17:00:00Z") };
    const first = await bookSlot({ clientId, contactE164: "+13125550141", ...slot, runId: "run_retry" });
    const again = await bookSlot({ clientId, contactE164: "+13125550141", ...slot, runId: "run_retry" });
    expect(again).toEqual(first);
  });
});
