import { auth } from "../server/auth/auth";
import { db, type MembershipRole } from "../server/db/client";
import { env, twilioIsFake } from "../server/env";
import { chooseMessagingService } from "../server/numbers/messaging-service";
import { verifyNumber } from "../server/numbers/number-service";
import { appWebhooks } from "../server/numbers/twilio-numbers";
import { createFlow, publishFlow } from "../server/flows/flow-service";
import type { StarterId } from "../server/flows/model";
import { DEMO_MESSAGING_SERVICE_SID, DEMO_PASSWORD, defaultBookingSettings, demoAgency, demoClients, demoUsers } from "./demo-data";

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
  if (await demoTwilioAccount()) {
    // Verified as the app verifies any number (read back from Twilio); A2P read from the Messaging Service.
    for (const c of Object.values(demoClients)) {
      const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: c.number.e164 } });
      await verifyNumber({ clientId: c.id, phoneNumberId: number.id });
      const client = await db.client.findUniqueOrThrow({ where: { id: c.id }, select: { messagingServiceSid: true } });
      if (!client.messagingServiceSid) await chooseMessagingService({ clientId: c.id, messagingServiceSid: DEMO_MESSAGING_SERVICE_SID, actorId: admin.id });
    }
  }
  return { clients: Object.keys(demoClients).length, users: Object.keys(demoUsers).length };
}

/**
 * Without Twilio credentials (development), the demo agency's account is the fake Twilio's: it is
 * given the demo numbers, with webhooks pointing at this app, and a Messaging Service whose A2P
 * campaign is approved, unless it has them already. The fake keeps them in memory only, so
 * `npm run dev` starts it before seeding. Not reachable (a seed run on its own): the numbers stay
 * unverified, as they would with a Twilio that does not know them.
 */
async function demoTwilioAccount(): Promise<boolean> {
  if (!twilioIsFake()) return false;
  const fake = (path: string, body?: unknown) =>
    fetch(`${env.FAKE_TWILIO_URL.replace(/\/$/, "")}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    });
  let owned: { numbers: { phoneNumber: string }[] };
  try {
    owned = await fake("/_fake/numbers");
  } catch {
    console.log(`The fake Twilio does not answer at ${env.FAKE_TWILIO_URL}: the demo numbers are left unverified (npm run dev starts it before seeding).`);
    return false;
  }
  const webhooks = appWebhooks();
  for (const c of Object.values(demoClients)) {
    if (owned.numbers.some((n) => n.phoneNumber === c.number.e164)) continue;
    // Under the SID the database already knows (an earlier start verified it), so the two agree.
    const known = await db.phoneNumber.findUnique({ where: { e164: c.number.e164 }, select: { twilioSid: true } });
    await fake("/_fake/numbers", { phoneNumber: c.number.e164, sid: known?.twilioSid ?? undefined, voiceUrl: webhooks.voiceUrl, statusCallback: webhooks.statusCallback, smsUrl: webhooks.smsUrl });
  }
  const { services } = (await fake("/_fake/messaging-services")) as { services: { sid: string }[] };
  if (!services.some((s) => s.sid === DEMO_MESSAGING_SERVICE_SID)) {
    await fake("/_fake/messaging-services", { sid: DEMO_MESSAGING_SERVICE_SID, friendlyName: "Northwind demo (A2P approved)", campaignStatus: "VERIFIED" });
  }
  return true;
}
