import { z } from "zod";
import { db } from "../../../db/client";
import { cancelAppointment, listAppointments, listContacts, optOutByStaff, setLeadStatus } from "../../../contacts/contact-service";
import { clientProcedure, createTRPCRouter } from "../../trpc";

export const contactsRouter = createTRPCRouter({
  list: clientProcedure("viewClient").query(({ ctx }) => listContacts({ clientId: ctx.access.clientId })),
  setLeadStatus: clientProcedure("retrySends")
    .input(z.object({ leadId: z.string().min(1), status: z.enum(["open", "won", "lost"]) }))
    .mutation(({ ctx, input }) => setLeadStatus({ clientId: ctx.access.clientId, leadId: input.leadId, status: input.status })),
  optOut: clientProcedure("retrySends")
    .input(z.object({ contactId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const me = await db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true } });
      await optOutByStaff({ clientId: ctx.access.clientId, contactId: input.contactId, actorName: me.name });
    }),
  appointments: clientProcedure("viewClient").query(({ ctx }) => listAppointments({ clientId: ctx.access.clientId })),
  cancelAppointment: clientProcedure("retrySends")
    .input(z.object({ appointmentId: z.string().min(1) }))
    .mutation(({ ctx, input }) => cancelAppointment({ clientId: ctx.access.clientId, appointmentId: input.appointmentId })),
});
