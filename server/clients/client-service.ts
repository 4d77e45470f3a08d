import { visibleClientsWhere, type Viewer } from "../auth/access";
import { db, Prisma } from "../db/client";
import { clientActivity } from "../dashboard/client-activity";
import { AppError, notFound } from "../errors";
import { BookingSettings, Closures, QuietHours, SETTINGS_LIMITS, WeeklyHours } from "./settings-schemas";
import type { SavePhoneNumberInput, SaveStaffContactInput, UpdateSettingsInput } from "./client-schemas";

/**
 * The clients a viewer can see, names and roles only: what the sidebar and client pickers need on
 * every page. `listClients` adds 30 days of counts per client, which costs real time at scale.
 */
export async function listClientNames({ viewer }: { viewer: Viewer }) {
  const clients = await db.client.findMany({ where: visibleClientsWhere(viewer), orderBy: { name: "asc" }, select: { id: true, name: true, agencyId: true } });
  return clients.map((c) => ({
    id: c.id,
    name: c.name,
    role: viewer.agencies.find((a) => a.agencyId === c.agencyId)?.role ?? viewer.clients.find((m) => m.clientId === c.id)!.role,
  }));
}

/** The clients a viewer can see, with the numbers an overview card shows (each client's last 30 calendar days). */
export async function listClients({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  const clients = await db.client.findMany({
    where: visibleClientsWhere(viewer),
    orderBy: { name: "asc" },
    include: { phoneNumbers: { orderBy: { createdAt: "asc" }, select: { e164: true } } },
  });
  const activity = new Map((await clientActivity({ clientIds: clients.map((c) => c.id), days: 30, now })).map((a) => [a.clientId, a]));
  const roleFor = (c: { id: string; agencyId: string }) =>
    viewer.agencies.find((a) => a.agencyId === c.agencyId)?.role ?? viewer.clients.find((m) => m.clientId === c.id)!.role;
  return clients.map((c) => ({
    id: c.id,
    role: roleFor(c),
    name: c.name,
    businessName: c.businessName,
    timezone: c.timezone,
    phoneNumbers: c.phoneNumbers.map((p) => p.e164),
    missedCalls30d: activity.get(c.id)?.missed ?? 0,
    texts30d: activity.get(c.id)?.texts ?? 0,
    failedSends: activity.get(c.id)?.failedToResolve ?? 0,
  }));
}

/** A client's settings, parsed into their typed shapes. */
export async function getClientSettings({ clientId }: { clientId: string }) {
  const client = await db.client.findUnique({
    where: { id: clientId },
    include: { phoneNumbers: { orderBy: { createdAt: "asc" } }, staffContacts: { orderBy: { createdAt: "asc" } } },
  });
  if (!client) throw notFound("That business");
  return {
    id: client.id,
    name: client.name,
    businessName: client.businessName,
    timezone: client.timezone,
    businessHours: WeeklyHours.parse(client.businessHours),
    closures: Closures.parse(client.closures),
    quietHours: QuietHours.parse(client.quietHours ?? null),
    bookingSettings: BookingSettings.parse(client.bookingSettings),
    messagingServiceSid: client.messagingServiceSid,
    phoneNumbers: client.phoneNumbers,
    staffContacts: client.staffContacts,
  };
}
export type ClientSettings = Awaited<ReturnType<typeof getClientSettings>>;

export async function updateClientSettings({ input, actorId }: { input: UpdateSettingsInput; actorId: string }) {
  const { clientId, ...settings } = input;
  await db.$transaction([
    db.client.update({
      where: { id: clientId },
      data: { ...settings, quietHours: settings.quietHours ?? Prisma.DbNull },
    }),
    db.auditEvent.create({ data: { clientId, actorId, action: "client.settings.update", targetType: "Client", targetId: clientId } }),
  ]);
  return getClientSettings({ clientId });
}

export async function savePhoneNumber({ input }: { input: SavePhoneNumberInput }) {
  const { clientId, id, ...fields } = input;
  const taken = await db.phoneNumber.findUnique({ where: { e164: fields.e164 } });
  if (taken && taken.id !== id) {
    throw new AppError("CONFLICT", `${fields.e164} is already set up${taken.clientId === clientId ? " for this business" : " for another business"}.`, {
      fieldErrors: { e164: ["This number is already in use"] },
    });
  }
  if (!id && (await db.phoneNumber.count({ where: { clientId } })) >= SETTINGS_LIMITS.phoneNumbers) {
    throw new AppError("BAD_REQUEST", `A business has at most ${SETTINGS_LIMITS.phoneNumbers} phone numbers: remove one before adding another.`);
  }
  if (id) {
    const existing = await db.phoneNumber.findFirst({ where: { id, clientId } });
    if (!existing) throw notFound("That phone number");
    return db.phoneNumber.update({ where: { id }, data: fields });
  }
  return db.phoneNumber.create({ data: { clientId, ...fields } });
}

export async function deletePhoneNumber({ clientId, id }: { clientId: string; id: string }) {
  const { count } = await db.phoneNumber.deleteMany({ where: { id, clientId } });
  if (!count) throw notFound("That phone number");
}

export async function saveStaffContact({ input }: { input: SaveStaffContactInput }) {
  const { clientId, id, ...fields } = input;
  if (fields.mobile && fields.notifySms) {
    const optedOut = await db.contact.findFirst({ where: { clientId, e164: fields.mobile, optedOut: true }, select: { id: true } });
    if (optedOut) {
      throw new AppError("BAD_REQUEST", `${fields.mobile} replied STOP to this business, so it cannot get staff texts: turn SMS alerts off for this person (they will see alerts in the app), or ask them to text START first.`, {
        fieldErrors: { mobile: ["This number opted out (replied STOP)"] },
      });
    }
  }
  if (!id && (await db.staffContact.count({ where: { clientId } })) >= SETTINGS_LIMITS.staffContacts) {
    throw new AppError("BAD_REQUEST", `A business has at most ${SETTINGS_LIMITS.staffContacts} staff contacts: remove one before adding another.`);
  }
  if (id) {
    const existing = await db.staffContact.findFirst({ where: { id, clientId } });
    if (!existing) throw notFound("That staff contact");
    return db.staffContact.update({ where: { id }, data: fields });
  }
  return db.staffContact.create({ data: { clientId, ...fields } });
}

export async function deleteStaffContact({ clientId, id }: { clientId: string; id: string }) {
  const { count } = await db.staffContact.deleteMany({ where: { id, clientId } });
  if (!count) throw notFound("That staff contact");
}
