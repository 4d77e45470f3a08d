import { createCaller } from "../api/root";
import { db, type MembershipRole } from "../db/client";

const weekdays = [{ start: "08:00", end: "17:00" }];
export const testHours = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] };
export const testBooking = { slotMinutes: 60, bufferMinutes: 15, daysAhead: 7, slotsOffered: 3, bookingUrl: null };

let seq = 0;

export async function createUser(name: string) {
  const id = `user_${name}_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  return db.user.create({ data: { id, name, email: `${id}@test.local` } });
}

export async function createClient(agencyId: string, name: string, e164: string, timezone = "America/Chicago") {
  return db.client.create({
    data: {
      agencyId,
      name,
      businessName: name,
      timezone,
      businessHours: testHours,
      bookingSettings: testBooking,
      phoneNumbers: { create: { e164, forwardTo: "+13125550199" } },
    },
  });
}

/**
 * Two agencies: "ours" with clients Greenfield and Bright Smiles and a user for every role,
 * and "theirs" with one client and an admin — the other tenant whose ids must stay invisible.
 */
export async function createTenants() {
  const agency = await db.agency.create({ data: { name: "Northwind", slug: `northwind-${++seq}-${Date.now()}` } });
  const other = await db.agency.create({ data: { name: "Elsewhere", slug: `elsewhere-${++seq}-${Date.now()}` } });
  const greenfield = await createClient(agency.id, "Greenfield Plumbing", `+1312555${String(1000 + seq).slice(-4)}`);
  const bright = await createClient(agency.id, "Bright Smiles Dental", `+1212555${String(2000 + seq).slice(-4)}`, "America/New_York");
  const foreign = await createClient(other.id, "Foreign Co", `+1415555${String(3000 + seq).slice(-4)}`);

  async function member(name: string, role: MembershipRole, scope: { agencyId: string } | { clientId: string }) {
    const user = await createUser(name);
    await db.membership.create({ data: { userId: user.id, role, ...scope } });
    return user;
  }
  const users = {
    admin: await member("admin", "admin", { agencyId: agency.id }),
    builder: await member("builder", "builder", { agencyId: agency.id }),
    owner: await member("owner", "owner", { clientId: greenfield.id }),
    ops: await member("ops", "ops", { clientId: greenfield.id }),
    otherAdmin: await member("otherAdmin", "admin", { agencyId: other.id }),
  };
  const callers = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, createCaller({ userId: u.id })])) as Record<
    keyof typeof users,
    ReturnType<typeof createCaller>
  >;
  return { agency, other, clients: { greenfield, bright, foreign }, users, callers, anonymous: createCaller({ userId: null }) };
}
