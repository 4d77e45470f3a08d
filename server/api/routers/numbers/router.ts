import { accountNumbers, buyNumber, repairNumber, searchNumbers, takeOverNumber, verifyNumber } from "../../../numbers/number-service";
import { clientProcedure, createTRPCRouter } from "../../trpc";
import { BuyNumberInput, TakeOverNumberInput } from "../../../numbers/number-schemas";
import { NumberIdInput, SearchNumbersInput } from "./schemas";

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
});
