import type { Viewer } from "../auth/access";
import { db, type MembershipRole } from "../db/client";
import { AppError, notFound } from "../errors";

/**
 * Who may manage which people (DESIGN.md's "members" rule, widened by issue 15): agency admins
 * manage the agency's people and every client's; a client's owner invites and removes that
 * client's ops people. Anyone else — or another tenant's id — gets NOT_FOUND / FORBIDDEN.
 */
export type PeopleScope = { kind: "agency"; agencyId: string; name: string } | { kind: "client"; clientId: string; agencyId: string; name: string };

export interface PeopleAccess {
  scope: PeopleScope;
  /** The roles this viewer may give or take away in this scope. */
  grantable: MembershipRole[];
  /** Whether the viewer may change roles (agency admins only). */
  canChangeRoles: boolean;
}

export async function resolvePeopleAccess(viewer: Viewer, clientId: string | null): Promise<PeopleAccess> {
  if (clientId === null) {
    const agency = viewer.agencies[0];
    if (!agency) throw notFound("That agency");
    if (agency.role !== "admin") throw new AppError("FORBIDDEN", "Only an agency admin can manage the agency's people.");
    const { name } = await db.agency.findUniqueOrThrow({ where: { id: agency.agencyId }, select: { name: true } });
    return { scope: { kind: "agency", agencyId: agency.agencyId, name }, grantable: ["admin", "builder"], canChangeRoles: true };
  }
  const client = await db.client.findFirst({ where: { id: clientId, archivedAt: null }, select: { id: true, agencyId: true, name: true } });
  if (!client) throw notFound("That business");
  const agencyRole = viewer.agencies.find((a) => a.agencyId === client.agencyId)?.role;
  const clientRole = viewer.clients.find((c) => c.clientId === client.id)?.role;
  const role = agencyRole ?? clientRole;
  if (!role) throw notFound("That business");
  const scope: PeopleScope = { kind: "client", clientId: client.id, agencyId: client.agencyId, name: client.name };
  if (role === "admin") return { scope, grantable: ["owner", "ops"], canChangeRoles: true };
  if (role === "owner") return { scope, grantable: ["ops"], canChangeRoles: false };
  throw new AppError("FORBIDDEN", `Your role (${role}) cannot manage people. Ask an agency admin${role === "ops" ? " or the business owner" : ""}.`);
}

export function assertGrantable(access: PeopleAccess, role: MembershipRole) {
  if (!access.grantable.includes(role)) {
    const where = access.scope.kind === "agency" ? "the agency" : access.scope.name;
    throw new AppError("FORBIDDEN", `You cannot give or take away the ${role} role in ${where}. You can: ${access.grantable.join(", ")}.`, {
      fieldErrors: { role: [`Pick one of: ${access.grantable.join(", ")}`] },
    });
  }
}

/** The Prisma filter for memberships and invitations of a scope. */
export const scopeWhere = (scope: PeopleScope) => (scope.kind === "agency" ? { agencyId: scope.agencyId, clientId: null } : { clientId: scope.clientId });
