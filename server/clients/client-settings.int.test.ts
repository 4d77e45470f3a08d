import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants, testBooking, testHours } from "../testing/tenants";

let t: Awaited<ReturnType<typeof createTenants>>;
beforeAll(async () => {
  t = await createTenants();
});

const base = () => ({
  clientId: t.clients.greenfield.id,
  businessName: "Greenfield Plumbing",
  timezone: "America/Chicago",
  businessHours: testHours,
  closures: [],
  quietHours: null,
  bookingSettings: testBooking,
});

async function fieldErrors(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const issues = ((error as TRPCError).cause as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    return Object.fromEntries(issues.map((i) => [i.path.join("."), i.message]));
  }
  throw new Error("expected the input to be refused");
}

describe("client settings refuse bad input with a message beside the field, and save nothing", () => {
  it("overlapping ranges on a day", async () => {
    const before = await db.client.findUniqueOrThrow({ where: { id: t.clients.greenfield.id } });
    const hours = { ...testHours, mon: [{ start: "08:00", end: "12:00" }, { start: "11:00", end: "17:00" }] };
    const errors = await fieldErrors(t.callers.owner.clients.updateSettings({ ...base(), businessName: "Changed", businessHours: hours }));
    expect(errors["businessHours.mon.1"]).toBe("11:00–17:00 overlaps 08:00–12:00");
    const after = await db.client.findUniqueOrThrow({ where: { id: t.clients.greenfield.id } });
    expect(after.businessName).toBe(before.businessName);
  });

  it("an overnight range that runs into a later range of the same day", async () => {
    const hours = { ...testHours, fri: [{ start: "22:00", end: "02:00" }, { start: "23:00", end: "23:30" }] };
    const errors = await fieldErrors(t.callers.owner.clients.updateSettings({ ...base(), businessHours: hours }));
    expect(errors["businessHours.fri.1"]).toMatch(/overlaps 22:00–02:00/);
  });

  it("an unknown timezone", async () => {
    const errors = await fieldErrors(t.callers.owner.clients.updateSettings({ ...base(), timezone: "Mars/Olympus_Mons" }));
    expect(errors.timezone).toMatch(/Unknown timezone/);
  });

  it("a malformed phone number and a ring timeout out of range", async () => {
    const errors = await fieldErrors(
      t.callers.owner.clients.savePhoneNumber({
        clientId: t.clients.greenfield.id,
        e164: "555-12",
        label: null,
        forwardTo: "+13125550199",
        ringTimeoutSeconds: 90,
        voicemailEnabled: false,
      }),
    );
    expect(errors.e164).toMatch(/not a valid phone number/);
    expect(errors.ringTimeoutSeconds).toBe("Ring for at most 60 seconds");
    expect(await db.phoneNumber.count({ where: { clientId: t.clients.greenfield.id } })).toBe(1);
  });

  it("a staff contact notified by SMS without a mobile", async () => {
    const errors = await fieldErrors(
      t.callers.owner.clients.saveStaffContact({ clientId: t.clients.greenfield.id, name: "Gus", mobile: null, email: null, notifySms: true, notifyEmail: false }),
    );
    expect(errors.mobile).toBe("Add a mobile number to notify by SMS");
  });
});

describe("client settings save", () => {
  it("overnight hours, closures, quiet hours and booking settings round-trip", async () => {
    const hours = { ...testHours, sat: [{ start: "20:00", end: "02:00" }] };
    const saved = await t.callers.owner.clients.updateSettings({
      ...base(),
      businessHours: hours,
      closures: [{ date: "2026-12-25", label: "Christmas" }],
      quietHours: { start: "21:00", end: "08:00" },
      bookingSettings: { ...testBooking, slotMinutes: 30 },
    });
    expect(saved.businessHours.sat).toEqual([{ start: "20:00", end: "02:00" }]);
    expect(saved.closures).toEqual([{ date: "2026-12-25", label: "Christmas" }]);
    expect(saved.quietHours).toEqual({ start: "21:00", end: "08:00" });
    expect(saved.bookingSettings.slotMinutes).toBe(30);
    expect(await db.auditEvent.count({ where: { clientId: t.clients.greenfield.id, action: "client.settings.update" } })).toBe(1);
  });

  it("a phone number typed the way people write it is stored as E.164", async () => {
    const saved = await t.callers.admin.clients.savePhoneNumber({
      clientId: t.clients.greenfield.id,
      e164: "(312) 555-0177",
      label: "Second line",
      forwardTo: "312.555.0199",
      ringTimeoutSeconds: 15,
      voicemailEnabled: true,
    });
    expect(saved.e164).toBe("+13125550177");
    expect(saved.forwardTo).toBe("+13125550199");
  });

  it("a number already used by another business is refused with a message", async () => {
    const foreign = await db.phoneNumber.findFirstOrThrow({ where: { clientId: t.clients.foreign.id } });
    await expect(
      t.callers.admin.clients.savePhoneNumber({
        clientId: t.clients.greenfield.id,
        e164: foreign.e164,
        label: null,
        forwardTo: "+13125550199",
        ringTimeoutSeconds: 20,
        voicemailEnabled: false,
      }),
    ).rejects.toThrow(/already set up for another business/);
  });
});
