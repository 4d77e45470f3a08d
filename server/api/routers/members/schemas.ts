import { z } from "zod";

/** `clientId: null` is the agency's own people (admins, builders); a clientId is that business's. */
const Scope = { clientId: z.string().min(1).nullable() };

export const ListMembersInput = z.object(Scope);
export const InviteInput = z.object({
  ...Scope,
  email: z.email("Enter a valid email address").transform((e) => e.toLowerCase()),
  role: z.enum(["admin", "builder", "owner", "ops"], "Pick a role"),
});
export type InviteInput = z.infer<typeof InviteInput>;
export const InvitationIdInput = z.object({ ...Scope, invitationId: z.string().min(1) });
export const ChangeRoleInput = z.object({ ...Scope, membershipId: z.string().min(1), role: z.enum(["admin", "builder", "owner", "ops"]) });
export const MembershipIdInput = z.object({ ...Scope, membershipId: z.string().min(1) });

export const TokenInput = z.object({ token: z.string().min(20).max(100) });
export const AcceptInvitationInput = z.object({
  token: z.string().min(20).max(100),
  name: z.string().trim().min(1, "Enter your name").max(80),
  password: z.string().min(8, "Use at least 8 characters").max(128),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;
