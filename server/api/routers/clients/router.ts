import { listClientNames, listClients, getClientSettings, updateClientSettings, savePhoneNumber, deletePhoneNumber, saveStaffContact, deleteStaffContact } from "../../../clients/client-service";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import { DeleteItemInput, SavePhoneNumberInput, SaveStaffContactInput, UpdateSettingsInput } from "./schemas";

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
});
