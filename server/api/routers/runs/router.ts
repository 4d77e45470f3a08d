import { z } from "zod";
import { visibleClientsWhere } from "../../../auth/access";
import { db } from "../../../db/client";
import { notFound } from "../../../errors";
import { getSendOutcome, listFailedSends, resolveFailedSend, retryFailedSend, retryFailedSends } from "../../../messaging/failed-sends";
import { cancelRun, getRun, listRuns } from "../../../runs/run-service";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";

const Filters = z.object({
  status: z.enum(["running", "waiting", "completed", "failed", "cancelled"]).nullable().default(null),
  flowId: z.string().max(100).nullable().default(null),
  version: z.number().int().positive().nullable().default(null),
  caller: z.string().trim().max(20).nullable().default(null),
  from: z.coerce.date().nullable().default(null),
  to: z.coerce.date().nullable().default(null),
});
const Page = z.object({ cursor: z.string().max(100).nullable().default(null), limit: z.number().int().min(1).max(100).default(50) });

/** Narrows every client the caller can see to one (`clientId`), which must be one of them. */
const ClientFilter = z.object({ clientId: z.string().min(1).nullable().default(null) });

async function visibleClientIds(viewer: Parameters<typeof visibleClientsWhere>[0], only: string | null = null) {
  const ids = (await db.client.findMany({ where: visibleClientsWhere(viewer), select: { id: true } })).map((c) => c.id);
  if (only === null) return ids;
  if (!ids.includes(only)) throw notFound("That business");
  return [only];
}

export const runsRouter = createTRPCRouter({
  list: clientProcedure("viewRuns")
    .input(Filters.extend(Page.shape))
    .query(({ ctx, input }) => listRuns({ clientIds: [ctx.access.clientId], filters: input, cursor: input.cursor, limit: input.limit })),
  /** Every client the caller can see (agency users: all of the agency's). */
  listAll: protectedProcedure
    .input(Filters.extend(Page.shape).extend(ClientFilter.shape))
    .query(async ({ ctx, input }) => listRuns({ clientIds: await visibleClientIds(ctx.viewer, input.clientId), filters: input, cursor: input.cursor, limit: input.limit })),
  get: clientProcedure("viewRuns")
    .input(z.object({ runId: z.string().min(1) }))
    .query(({ ctx, input }) => getRun({ clientId: ctx.access.clientId, runId: input.runId })),
  cancel: clientProcedure("retrySends")
    .input(z.object({ runId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await cancelRun({ clientId: ctx.access.clientId, runId: input.runId, actorId: ctx.userId });
    }),
  failedSends: clientProcedure("viewRuns").query(({ ctx }) => listFailedSends({ clientIds: [ctx.access.clientId] })),
  /** Every client the caller can see; each row carries its clientId for retrySend/resolveSend. */
  failedSendsAll: protectedProcedure
    .input(ClientFilter.default({ clientId: null }))
    .query(async ({ ctx, input }) => listFailedSends({ clientIds: await visibleClientIds(ctx.viewer, input.clientId) })),
  retrySend: clientProcedure("retrySends")
    .input(z.object({ messageId: z.string().min(1) }))
    .mutation(({ ctx, input }) => retryFailedSend({ clientId: ctx.access.clientId, messageId: input.messageId, actorId: ctx.userId })),
  /** Retry many failed texts of one client at once (each at most once, as retrySend). */
  retrySends: clientProcedure("retrySends")
    .input(z.object({ messageIds: z.array(z.string().min(1)).min(1).max(100) }))
    .mutation(({ ctx, input }) => retryFailedSends({ clientId: ctx.access.clientId, messageIds: input.messageIds, actorId: ctx.userId })),
  /** What became of a sent text (a retry): delivered, or failed again with Twilio's code. */
  sendOutcome: clientProcedure("viewRuns")
    .input(z.object({ messageId: z.string().min(1) }))
    .query(({ ctx, input }) => getSendOutcome({ clientId: ctx.access.clientId, messageId: input.messageId })),
  resolveSend: clientProcedure("retrySends")
    .input(z.object({ messageId: z.string().min(1) }))
    .mutation(({ ctx, input }) => resolveFailedSend({ clientId: ctx.access.clientId, messageId: input.messageId })),
});
