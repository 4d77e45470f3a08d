import type { Viewer } from "../auth/access";
import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import type { CreateClientInput } from "./client-schemas";
import { hoursPresets } from "./hours-presets";

/**
 * Creating, archiving and restoring client businesses (agency admins only). An archived client's
 * numbers stop triggering flows (the webhooks ignore archived clients); its history stays readable.
 */

const DEFAULT_BOOKING = { slotMinutes: 60, bufferMinutes: 15, daysAhead: 7, slotsOffered: 3, bookingUrl: null };

/** The agency the viewer administers, or FORBIDDEN. */
export function adminAgencyOf(viewer: Viewer, agencyId?: string) {
  const membership = viewer.agencies.find((a) => a.role === "admin" && (!agencyId || a.agencyId === agencyId));
  if (!membership) throw new AppError("FORBIDDEN", "Only an agency admin can add, archive or restore client businesses.");
  return membership.agencyId;
}

export async function createClient({ viewer, input, actorId }: { viewer: Viewer; input: CreateClientInput; actorId: string }) {
  const agencyId = adminAgencyOf(viewer);
  const duplicate = await db.client.findFirst({ where: { agencyId, name: { equals: input.name, mode: "insensitive" }, archivedAt: null } });
  if (duplicate) {
    throw new AppError("CONFLICT", `Your agency already has a client called "${duplicate.name}". Use a different name, or open that client.`, {
      fieldErrors: { name: ["A client with this name exists"] },
    });
  }
  const client = await db.client.create({
    data: {
      agencyId,
      name: input.name,
      businessName: input.name,
      timezone: input.timezone,
      businessHours: hoursPresets[input.hoursPreset].hours,
      bookingSettings: DEFAULT_BOOKING,
      staffContacts: input.staff ? { create: { name: input.staff.name, mobile: input.staff.mobile, email: input.staff.email, notifySms: !!input.staff.mobile, notifyEmail: !!input.staff.email } } : undefined,
    },
  });
  await db.auditEvent.create({ data: { agencyId, clientId: client.id, actorId, action: "client.create", targetType: "Client", targetId: client.id, data: { name: client.name } } });
  return { id: client.id, name: client.name };
}

async function agencyClient(viewer: Viewer, clientId: string) {
  const client = await db.client.findUnique({ where: { id: clientId }, select: { id: true, agencyId: true, name: true, archivedAt: true } });
  // A client of an agency the viewer does not belong to is absent, whatever their role.
  if (!client || !viewer.agencies.some((a) => a.agencyId === client.agencyId)) throw notFound("That business");
  adminAgencyOf(viewer, client.agencyId);
  return client;
}

export async function archiveClient({ viewer, clientId, actorId }: { viewer: Viewer; clientId: string; actorId: string }) {
  const client = await agencyClient(viewer, clientId);
  if (client.archivedAt) return { id: client.id, archivedAt: client.archivedAt };
  const updated = await db.client.update({ where: { id: client.id }, data: { archivedAt: new Date() } });
  await db.auditEvent.create({ data: { agencyId: client.agencyId, clientId: client.id, actorId, action: "client.archive", targetType: "Client", targetId: client.id } });
  return { id: updated.id, archivedAt: updated.archivedAt };
}

export async function restoreClient({ viewer, clientId, actorId }: { viewer: Viewer; clientId: string; actorId: string }) {
  const client = await agencyClient(viewer, clientId);
  if (!client.archivedAt) return { id: client.id, archivedAt: null };
  await db.client.update({ where: { id: client.id }, data: { archivedAt: null } });
  await db.auditEvent.create({ data: { agencyId: client.agencyId, clientId: client.id, actorId, action: "client.restore", targetType: "Client", targetId: client.id } });
  return { id: client.id, archivedAt: null };
}

/** An agency's archived clients (agency users only), for the clients page's "Archived" list. */
export async function listArchivedClients({ viewer }: { viewer: Viewer }) {
  return db.client.findMany({
    where: { agencyId: { in: viewer.agencies.map((a) => a.agencyId) }, archivedAt: { not: null } },
    orderBy: { archivedAt: "desc" },
    select: { id: true, name: true, archivedAt: true },
  });
}
