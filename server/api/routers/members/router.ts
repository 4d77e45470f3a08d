import { changeRole, invite, listPeople, removeMember, resendInvitation, revokeInvitation } from "../../../people/people-service";
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { InviteInput } from "../../../people/people-schemas";
import { ChangeRoleInput, InvitationIdInput, ListMembersInput, MembershipIdInput } from "./schemas";

/**
 * The people of the agency (`clientId: null`) or of one client. Access is resolved per scope in
 * server/people/scope.ts: agency admins for everything, a client's owner for its ops people.
 */
export const membersRouter = createTRPCRouter({
  list: protectedProcedure.input(ListMembersInput).query(({ ctx, input }) => listPeople({ viewer: ctx.viewer, clientId: input.clientId })),
  invite: protectedProcedure.input(InviteInput).mutation(({ ctx, input }) => invite({ viewer: ctx.viewer, input, actorId: ctx.userId })),
  resend: protectedProcedure.input(InvitationIdInput).mutation(({ ctx, input }) => resendInvitation({ viewer: ctx.viewer, ...input, actorId: ctx.userId })),
  revoke: protectedProcedure.input(InvitationIdInput).mutation(({ ctx, input }) => revokeInvitation({ viewer: ctx.viewer, ...input, actorId: ctx.userId })),
  changeRole: protectedProcedure.input(ChangeRoleInput).mutation(({ ctx, input }) => changeRole({ viewer: ctx.viewer, ...input, actorId: ctx.userId })),
  remove: protectedProcedure.input(MembershipIdInput).mutation(({ ctx, input }) => removeMember({ viewer: ctx.viewer, ...input, actorId: ctx.userId })),
});
