import { db } from "../db/client";
import { notFound } from "../errors";
import type { Role } from "./permissions";

export { assertCan, can, type Permission, type Role } from "./permissions";

// Who may see which client. Every tRPC procedure that touches a client goes through
// `resolveClientAccess` (a client the caller cannot see is NOT_FOUND, never FORBIDDEN, so ids of
// other tenants leak nothing) and then `assertCan` (server/auth/permissions.ts).

/** A signed-in user's memberships. */
export interface Viewer {
  userId: string;
  agencies: { agencyId: string; role: Role }[];
  clients: { clientId: string; role: Role }[];
}

export async function loadViewer(userId: string): Promise<Viewer> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { agencyId: true, clientId: true, role: true } });
  return {
    userId,
    agencies: memberships.filter((m) => m.agencyId).map((m) => ({ agencyId: m.agencyId!, role: m.role })),
    clients: memberships.filter((m) => m.clientId).map((m) => ({ clientId: m.clientId!, role: m.role })),
  };
}

export const isAgencyUser = (viewer: Viewer) => viewer.agencies.length > 0;

/** The Prisma filter for the clients a viewer can see. */
export function visibleClientsWhere(viewer: Viewer) {
  return {
    archivedAt: null,
    OR: [{ agencyId: { in: viewer.agencies.map((a) => a.agencyId) } }, { id: { in: viewer.clients.map((c) => c.clientId) } }],
  };
}

export interface ClientAccess {
  clientId: string;
  agencyId: string;
  role: Role;
  /** An archived client stays readable (its history) to agency users; nothing of it can change. */
  archived: boolean;
}

/** The caller's role for a client, or NOT_FOUND when they cannot see it (or it does not exist). */
export async function resolveClientAccess(viewer: Viewer, clientId: string): Promise<ClientAccess> {
  const client = await db.client.findFirst({ where: { id: clientId }, select: { id: true, agencyId: true, archivedAt: true } });
  if (!client) throw notFound("That business");
  if (client.archivedAt && !viewer.agencies.some((a) => a.agencyId === client.agencyId)) throw notFound("That business");
  const agencyRole = viewer.agencies.find((a) => a.agencyId === client.agencyId)?.role;
  const clientRole = viewer.clients.find((c) => c.clientId === client.id)?.role;
  const role = agencyRole ?? clientRole;
  if (!role) throw notFound("That business");
  return { clientId: client.id, agencyId: client.agencyId, role, archived: client.archivedAt !== null };
}
