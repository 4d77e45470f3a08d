import { db } from "../../../db/client";
import { isAgencyUser } from "../../../auth/access";
import { createTRPCRouter, protectedProcedure } from "../../trpc";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.query(async ({ ctx }) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { id: true, name: true, email: true } });
    const agencyId = ctx.viewer.agencies[0]?.agencyId;
    const agency = agencyId ? await db.agency.findUnique({ where: { id: agencyId }, select: { name: true } }) : null;
    return {
      ...user,
      isAgencyUser: isAgencyUser(ctx.viewer),
      agencyRole: ctx.viewer.agencies[0]?.role ?? null,
      agencyName: agency?.name ?? null,
      clientRoles: ctx.viewer.clients,
    };
  }),
});
