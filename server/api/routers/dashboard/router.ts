import { z } from "zod";
import { visibleClientsWhere } from "../../../auth/access";
import { getDashboard } from "../../../dashboard/dashboard-service";
import { db } from "../../../db/client";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";

const Days = z.object({ days: z.number().int().min(1).max(365).default(30) });

export const dashboardRouter = createTRPCRouter({
  client: clientProcedure("viewRuns").input(Days).query(({ ctx, input }) => getDashboard({ clientIds: [ctx.access.clientId], days: input.days })),
  agency: protectedProcedure.input(Days).query(async ({ ctx, input }) => {
    const clients = await db.client.findMany({ where: visibleClientsWhere(ctx.viewer), select: { id: true } });
    return getDashboard({ clientIds: clients.map((c) => c.id), days: input.days });
  }),
});
