import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants, testBooking, testHours } from "../testing/tenants";

let t: Awaited<ReturnType<typeof createTenants>>;
beforeAll(async () => {
  t = await createTenants();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const validSettings = (clientId: string) => ({
  clientId,
  businessName: "Greenfield Plumbing & Heating",
  timezone: "America/Chicago",
  businessHours: testHours,
  closures: [{ date: "2026-12-25", label: "Christmas Day" }],
  quietHours: { start: "21:00", end: "08:00" },
  bookingSettings: testBooking,
});

type RoleName = "admin" | "builder" | "owner" | "ops" | "otherAdmin";
const roles: RoleName[] = ["admin", "builder", "owner", "ops", "otherAdmin"];

describe("who sees which clients", () => {
  it.each([
    ["admin", ["Bright Smiles Dental", "Greenfield Plumbing"]],
    ["builder", ["Bright Smiles Dental", "Greenfield Plumbing"]],
    ["owner", ["Greenfield Plumbing"]],
    ["ops", ["Greenfield Plumbing"]],
    ["otherAdmin", ["Foreign Co"]],
  ] as const)("%s sees %j", async (role, names) => {
    const list = await t.callers[role].clients.list();
    expect(list.map((c) => c.name)).toEqual(names);
  });

  it("a signed-out caller is told to sign in", async () => {
    expect(await codeOf(t.anonymous.clients.list())).toBe("UNAUTHORIZED");
  });
});

describe("DESIGN.md's access table, every role against every rule", () => {
  // expected outcome per role for Greenfield; another tenant's client is always NOT_FOUND.
  const table: { rule: string; call: (r: RoleName, clientId: string) => Promise<unknown>; expect: Record<RoleName, string> }[] = [
    {
      rule: "see the client",
      call: (r, id) => t.callers[r].clients.get({ clientId: id }),
      expect: { admin: "OK", builder: "OK", owner: "OK", ops: "OK", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "read settings",
      call: (r, id) => t.callers[r].clients.settings({ clientId: id }),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "OK", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "change settings",
      call: (r, id) => t.callers[r].clients.updateSettings(validSettings(id)),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "OK", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "change staff contacts",
      call: (r, id) =>
        t.callers[r].clients.saveStaffContact({ clientId: id, name: `Staff ${r}`, mobile: "+13125550142", email: null, notifySms: true, notifyEmail: false }),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "OK", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "see the go-live checklist",
      call: (r, id) => t.callers[r].clients.checklist({ clientId: id }),
      expect: { admin: "OK", builder: "OK", owner: "OK", ops: "OK", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "see the business's people",
      call: (r, id) => t.callers[r].members.list({ clientId: id }),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "OK", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "invite an ops person",
      call: (r, id) => t.callers[r].members.invite({ clientId: id, email: `ops-${r}-${Math.random()}@example.test`, role: "ops" }),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "OK", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
    {
      rule: "invite an owner",
      call: (r, id) => t.callers[r].members.invite({ clientId: id, email: `owner-${r}-${Math.random()}@example.test`, role: "owner" }),
      expect: { admin: "OK", builder: "FORBIDDEN", owner: "FORBIDDEN", ops: "FORBIDDEN", otherAdmin: "NOT_FOUND" },
    },
  ];
  for (const row of table) {
    for (const role of roles) {
      it(`${role} → ${row.rule}: ${row.expect[role]}`, async () => {
        expect(await codeOf(row.call(role, t.clients.greenfield.id))).toBe(row.expect[role]);
      });
    }
    it(`${row.rule} on another agency's client is NOT_FOUND for every role of ours`, async () => {
      for (const role of ["admin", "builder", "owner", "ops"] as const) {
        expect(await codeOf(row.call(role, t.clients.foreign.id))).toBe("NOT_FOUND");
      }
    });
  }

  it("a client's owner cannot see a sibling client of the same agency", async () => {
    expect(await codeOf(t.callers.owner.clients.get({ clientId: t.clients.bright.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.callers.ops.clients.get({ clientId: t.clients.bright.id }))).toBe("NOT_FOUND");
  });

  it("a made-up client id is NOT_FOUND, the same answer as another tenant's", async () => {
    expect(await codeOf(t.callers.admin.clients.get({ clientId: "does-not-exist" }))).toBe("NOT_FOUND");
  });

  it("editing another client's phone number through our own client id changes nothing", async () => {
    const foreignNumber = await db.phoneNumber.findFirstOrThrow({ where: { clientId: t.clients.foreign.id } });
    const attempt = t.callers.admin.clients.savePhoneNumber({
      clientId: t.clients.greenfield.id,
      id: foreignNumber.id,
      e164: foreignNumber.e164,
      label: "hijacked",
      forwardTo: "+13125550111",
      ringTimeoutSeconds: 20,
      voicemailEnabled: false,
    });
    expect(await codeOf(attempt)).not.toBe("OK");
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id: foreignNumber.id } })).toEqual(foreignNumber);
  });
});
