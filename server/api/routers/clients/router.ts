import { listClientNames, listClients, getClientSettings, updateClientSettings, savePhoneNumber, deletePhoneNumber, saveStaffContact, deleteStaffContact } from "../../../clients/client-service";
import { archiveClient, createClient, listArchivedClients, restoreClient } from "../../../clients/client-lifecycle";
import { clientHealth, goLiveChecklists } from "../../../clients/go-live";
import { visibleClientsWhere } from "../../../auth/access";
import { db } from "../../../db/client";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import { CreateClientInput, SavePhoneNumberInput, SaveStaffContactInput, UpdateSettingsInput } from "../../../clients/client-schemas";
import { ClientIdInput, DeleteItemInput } from "./schemas";

export const clientsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listClients({ viewer: ctx.viewer })),
  /** Names and roles only, for the sidebar and client pickers (no per-client counts). */
  names: protectedProcedure.query(({ ctx }) => listClientNames({ viewer: ctx.viewer })),
  get: clientProcedure("viewClient").query(async ({ ctx }) => {
    const settings = await getClientSettings({ clientId: ctx.access.clientId });
    return {
      id: settings.id,
      name: settings.name,
      businessName: settings.businessName,
      timezone: settings.timezone,
      role: ctx.access.role,
      // The flow editor offers these to the missed-call trigger.
      numbers: settings.phoneNumbers.map((p) => ({ e164: p.e164, label: p.label })),
    };
  }),
  settings: clientProcedure("manageSettings").query(({ ctx }) => getClientSettings({ clientId: ctx.access.clientId })),
  updateSettings: clientProcedure("manageSettings")
    .input(UpdateSettingsInput)
    .mutation(({ ctx, input }) => updateClientSettings({ input: { ...input, clientId: ctx.access.clientId }, actorId: ctx.userId })),
  savePhoneNumber: clientProcedure("manageSettings")
    .input(SavePhoneNumberInput)
    .mutation(({ ctx, input }) => savePhoneNumber({ input: { ...input, clientId: ctx.access.clientId } })),
  deletePhoneNumber: clientProcedure("manageSettings")
    .input(DeleteItemInput)
    .mutation(({ ctx, input }) => deletePhoneNumber({ clientId: ctx.access.clientId, id: input.id })),
  saveStaffContact: clientProcedure("manageSettings")
    .input(SaveStaffContactInput)
    .mutation(({ ctx, input }) => saveStaffContact({ input: { ...input, clientId: ctx.access.clientId } })),
  deleteStaffContact: clientProcedure("manageSettings")
    .input(DeleteItemInput)
    .mutation(({ ctx, input }) => deleteStaffContact({ clientId: ctx.access.clientId, id: input.id })),
  // Onboarding (issue 15): new clients, archive/restore, go-live checklist, health at a glance.
  create: protectedProcedure.input(CreateClientInput).mutation(({ ctx, input }) => createClient({ viewer: ctx.viewer, input, actorId: ctx.userId })),
  archive: protectedProcedure.input(ClientIdInput).mutation(({ ctx, input }) => archiveClient({ viewer: ctx.viewer, clientId: input.clientId, actorId: ctx.userId })),
  restore: protectedProcedure.input(ClientIdInput).mutation(({ ctx, input }) => restoreClient({ viewer: ctx.viewer, clientId: input.clientId, actorId: ctx.userId })),
  archived: protectedProcedure.query(({ ctx }) => listArchivedClients({ viewer: ctx.viewer })),
  checklist: clientProcedure("viewClient").query(async ({ ctx }) => (await goLiveChecklists([ctx.access.clientId])).get(ctx.access.clientId)!),
  health: protectedProcedure.query(async ({ ctx }) => {
    const clients = await db.client.findMany({ where: visibleClientsWhere(ctx.viewer), select: { id: true } });
    return clientHealth(clients.map((c) => c.id));
  }),
});
