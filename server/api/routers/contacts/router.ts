import { z } from "zod";
import { db } from "../../../db/client";
import { cancelAppointment, listAppointments, listContacts, optOutByStaff, setLeadStatus, updateContact } from "../../../contacts/contact-service";
import { exportCsv, exportKinds } from "../../../exports/export-service";
import { clientProcedure, createTRPCRouter } from "../../trpc";

export const contactsRouter = createTRPCRouter({
  list: clientProcedure("viewClient")
    .input(z.object({ search: z.string().trim().max(80).nullable().default(null) }).default({ search: null }))
    .query(({ ctx, input }) => listContacts({ clientId: ctx.access.clientId, search: input.search })),
  /** Name and tag a contact (staff who handle callers: owner, ops, agency). */
  update: clientProcedure("retrySends")
    .input(
      z.object({
        contactId: z.string().min(1),
        name: z.string().trim().max(80, "Keep the name under 80 characters").nullable(),
        tags: z.array(z.string().trim().min(1).max(32, "Keep each tag under 32 characters").regex(/^[\p{L}\p{N} _-]+$/u, "Tags are words: letters, digits, spaces, - and _")).max(20, "Up to 20 tags"),
      }),
    )
    .mutation(({ ctx, input }) => updateContact({ clientId: ctx.access.clientId, contactId: input.contactId, name: input.name, tags: input.tags })),
  setLeadStatus: clientProcedure("retrySends")
    .input(z.object({ leadId: z.string().min(1), status: z.enum(["open", "won", "lost"]) }))
    .mutation(({ ctx, input }) => setLeadStatus({ clientId: ctx.access.clientId, leadId: input.leadId, status: input.status })),
  optOut: clientProcedure("retrySends")
    .input(z.object({ contactId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const me = await db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true } });
      await optOutByStaff({ clientId: ctx.access.clientId, contactId: input.contactId, actorName: me.name });
    }),
  /** Contacts, leads or runs as CSV (served as a download by app/api/export). */
  exportCsv: clientProcedure("viewRuns")
    .input(z.object({ kind: z.enum(exportKinds) }))
    .query(({ ctx, input }) => exportCsv({ clientId: ctx.access.clientId, kind: input.kind })),
  appointments: clientProcedure("viewClient").query(({ ctx }) => listAppointments({ clientId: ctx.access.clientId })),
  cancelAppointment: clientProcedure("retrySends")
    .input(z.object({ appointmentId: z.string().min(1) }))
    .mutation(({ ctx, input }) => cancelAppointment({ clientId: ctx.access.clientId, appointmentId: input.appointmentId })),
});
