import { AppError } from "../errors";

/**
 * DESIGN.md's access table, in one place. Pure (no database), so the UI can hide what a role
 * cannot do; the server enforces the same rules in server/auth/access.ts and server/api/trpc.ts.
 */

/** A membership role: agency admin/builder, or client owner/ops. */
export type Role = "admin" | "builder" | "owner" | "ops";

export const Permissions = {
  viewClient: ["admin", "builder", "owner", "ops"],
  editFlows: ["admin", "builder", "owner"],
  viewRuns: ["admin", "builder", "owner", "ops"],
  retrySends: ["admin", "builder", "owner", "ops"],
  manageSettings: ["admin", "owner"],
  manageMembers: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof Permissions;

export const can = (role: Role, permission: Permission) => (Permissions[permission] as readonly Role[]).includes(role);

const permissionWords: Record<Permission, string> = {
  viewClient: "see this business",
  editFlows: "edit or publish flows",
  viewRuns: "see runs",
  retrySends: "retry texts",
  manageSettings: "change this business's settings",
  manageMembers: "manage members",
};

export function assertCan(role: Role, permission: Permission) {
  if (!can(role, permission)) {
    throw new AppError("FORBIDDEN", `Your role (${role}) cannot ${permissionWords[permission]}. Ask an agency admin or the business owner.`);
  }
}

