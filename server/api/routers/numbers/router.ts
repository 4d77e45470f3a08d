import { accountNumbers, buyNumber, repairNumber, searchNumbers, takeOverNumber, verifyNumber } from "../../../numbers/number-service";
import { chooseMessagingService, messagingServices, refreshA2pStatus } from "../../../numbers/messaging-service";
import { clientProcedure, createTRPCRouter } from "../../trpc";
import { BuyNumberInput, TakeOverNumberInput } from "../../../numbers/number-schemas";
import { ChooseMessagingServiceInput, NumberIdInput, SearchNumbersInput } from "./schemas";

/** A client's numbers in Twilio: buy, take over, verify (settings permission: agency admin, owner). */
export const numbersRouter = createTRPCRouter({
  search: clientProcedure("manageSettings").input(SearchNumbersInput).query(({ input }) => searchNumbers({ areaCode: input.areaCode })),
  buy: clientProcedure("manageSettings").input(BuyNumberInput).mutation(({ ctx, input }) => buyNumber({ input: { ...input, clientId: ctx.access.clientId }, actorId: ctx.userId })),
  account: clientProcedure("manageSettings").query(({ ctx }) => accountNumbers({ clientId: ctx.access.clientId })),
  takeOver: clientProcedure("manageSettings")
    .input(TakeOverNumberInput)
    .mutation(({ ctx, input }) => takeOverNumber({ input: { ...input, clientId: ctx.access.clientId }, actorId: ctx.userId })),
  verify: clientProcedure("manageSettings").input(NumberIdInput).mutation(({ ctx, input }) => verifyNumber({ clientId: ctx.access.clientId, phoneNumberId: input.phoneNumberId })),
  repair: clientProcedure("manageSettings")
    .input(NumberIdInput)
    .mutation(({ ctx, input }) => repairNumber({ clientId: ctx.access.clientId, phoneNumberId: input.phoneNumberId, actorId: ctx.userId })),
  // US A2P 10DLC: the Messaging Service the client's texts go through, and its campaign's status.
  messagingServices: clientProcedure("manageSettings").query(({ ctx }) => messagingServices({ clientId: ctx.access.clientId })),
  chooseMessagingService: clientProcedure("manageSettings")
    .input(ChooseMessagingServiceInput)
    .mutation(({ ctx, input }) => chooseMessagingService({ clientId: ctx.access.clientId, messagingServiceSid: input.messagingServiceSid, actorId: ctx.userId })),
  refreshA2p: clientProcedure("manageSettings").mutation(({ ctx }) => refreshA2pStatus({ clientId: ctx.access.clientId })),
});
