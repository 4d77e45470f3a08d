import { z } from "zod";
import { PeopleScopeFields as Scope } from "../../../people/people-schemas";

export const ListMembersInput = z.object(Scope);
export const InvitationIdInput = z.object({ ...Scope, invitationId: z.string().min(1) });
export const ChangeRoleInput = z.object({ ...Scope, membershipId: z.string().min(1), role: z.enum(["admin", "builder", "owner", "ops"]) });
export const MembershipIdInput = z.object({ ...Scope, membershipId: z.string().min(1) });

export const TokenInput = z.object({ token: z.string().min(20).max(100) });
