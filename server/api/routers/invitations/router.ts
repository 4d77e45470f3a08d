import { acceptInvitation, getInvitation } from "../../../people/people-service";
import { createTRPCRouter, publicProcedure } from "../../trpc";
import { AcceptInvitationInput } from "../../../people/people-schemas";
import { TokenInput } from "../members/schemas";

/** The invitation link's page: public, the link's token is the credential (single use, 7 days). */
export const invitationsRouter = createTRPCRouter({
  get: publicProcedure.input(TokenInput).query(({ input }) => getInvitation({ token: input.token })),
  accept: publicProcedure.input(AcceptInvitationInput).mutation(({ input }) => acceptInvitation({ input })),
});
