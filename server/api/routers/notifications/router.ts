import { z } from "zod";
import { visibleClientsWhere } from "../../../auth/access";
import { db } from "../../../db/client";
import { listNotifications, markNotificationsRead } from "../../../notifications/notification-service";
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import type { Viewer } from "../../../auth/access";

const visibleIds = async (viewer: Viewer) => (await db.client.findMany({ where: visibleClientsWhere(viewer), select: { id: true } })).map((c) => c.id);

/** The bell: staff alerts of every client the viewer can see. */
export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure.query(async ({ ctx }) => listNotifications({ clientIds: await visibleIds(ctx.viewer) })),
  /** `ids: null` marks every notification the viewer can see as read. */
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(z.string().min(1)).min(1).max(100).nullable() }))
    .mutation(async ({ ctx, input }) => markNotificationsRead({ clientIds: await visibleIds(ctx.viewer), ids: input.ids })),
});
