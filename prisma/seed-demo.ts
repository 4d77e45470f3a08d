import { auth } from "../server/auth/auth";
import { db, type MembershipRole } from "../server/db/client";
import { createFlow, publishFlow } from "../server/flows/flow-service";
import type { StarterId } from "../server/flows/model";
import { DEMO_PASSWORD, defaultBookingSettings, demoAgency, demoClients, demoUsers } from "./demo-data";

async function ensureUser(email: string, name: string) {
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return existing;
  // Better Auth's own hasher, so sign-in verifies the seeded password exactly as a real one.
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(DEMO_PASSWORD);
  const id = crypto.randomUUID();
  return db.user.create({
    data: {
      id,
      email,
      name,
      emailVerified: true,
      accounts: { create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: hash } },
    },
  });
}

async function ensureMembership(userId: string, role: MembershipRole, scope: { agencyId: string } | { clientId: string }) {
  const where = "agencyId" in scope ? { userId_agencyId: { userId, agencyId: scope.agencyId } } : { userId_clientId: { userId, clientId: scope.clientId } };
  await db.membership.upsert({ where, create: { userId, role, ...scope }, update: { role } });
}

export async function seedDemoData() {
  const agency = await db.agency.upsert({ where: { slug: demoAgency.slug }, create: demoAgency, update: { name: demoAgency.name } });
  for (const c of Object.values(demoClients)) {
    const data = {
      agencyId: agency.id,
      name: c.name,
      businessName: c.businessName,
      timezone: c.timezone,
      businessHours: c.businessHours,
      quietHours: c.quietHours,
      bookingSettings: defaultBookingSettings,
    };
    await db.client.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: {} });
    await db.phoneNumber.upsert({ where: { e164: c.number.e164 }, create: { clientId: c.id, ...c.number }, update: {} });
    const staff = await db.staffContact.findFirst({ where: { clientId: c.id, name: c.staff.name } });
    if (!staff) await db.staffContact.create({ data: { clientId: c.id, ...c.staff } });
  }
  for (const u of Object.values(demoUsers)) {
    const user = await ensureUser(u.email, u.name);
    if ("client" in u) await ensureMembership(user.id, u.role, { clientId: demoClients[u.client].id });
    else await ensureMembership(user.id, u.role, { agencyId: agency.id });
  }
  // A published flow per client, so a call from the phone simulator does something at once.
  const admin = await db.user.findUniqueOrThrow({ where: { email: demoUsers.agencyAdmin.email } });
  const demoFlows: [string, StarterId, string][] = [
    [demoClients.greenfield.id, "full-follow-up", "Missed-call follow-up"],
    [demoClients.brightSmiles.id, "business-hours", "After-hours text back"],
  ];
  for (const [clientId, starter, name] of demoFlows) {
    if (await db.flow.count({ where: { clientId } })) continue;
    const { id } = await createFlow({ clientId, name, starter, actorId: admin.id });
    await publishFlow({ clientId, flowId: id, note: "Demo flow", actorId: admin.id });
  }
  return { clients: Object.keys(demoClients).length, users: Object.keys(demoUsers).length };
}
