import { z } from "zod";
import { getThread, listThreads, markThreadRead, replyToContact } from "../../../inbox/inbox-service";
import { clientProcedure, createTRPCRouter } from "../../trpc";

export const inboxRouter = createTRPCRouter({
  threads: clientProcedure("viewClient").query(({ ctx }) => listThreads({ clientId: ctx.access.clientId })),
  thread: clientProcedure("viewClient")
    .input(z.object({ contactId: z.string().min(1) }))
    .query(({ ctx, input }) => getThread({ clientId: ctx.access.clientId, contactId: input.contactId })),
  /** Anyone who may see the thread may mark it read: opening it is reading it. */
  markRead: clientProcedure("viewClient")
    .input(z.object({ contactId: z.string().min(1) }))
    .mutation(({ ctx, input }) => markThreadRead({ clientId: ctx.access.clientId, contactId: input.contactId })),
  reply: clientProcedure("retrySends")
    .input(z.object({ contactId: z.string().min(1), body: z.string().trim().min(1, "Type a message").max(1600), requestId: z.string().uuid() }))
    .mutation(({ ctx, input }) => replyToContact({ clientId: ctx.access.clientId, contactId: input.contactId, body: input.body, requestId: input.requestId })),
});
