import {
  placeSimulatedCall,
  sendSimulatedText,
  simulatedThread,
  SimulatedCallInput,
  SimulatedTextInput,
  simulatorEnabled,
  ThreadInput,
} from "../../../simulator/phone-simulator";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";

/** The phone simulator (fake Twilio only): call a business number and text it as a caller would. */
export const phoneRouter = createTRPCRouter({
  enabled: protectedProcedure.query(() => simulatorEnabled()),
  placeCall: clientProcedure("viewClient").input(SimulatedCallInput).mutation(({ ctx, input }) => placeSimulatedCall({ ...input, clientId: ctx.access.clientId })),
  sendText: clientProcedure("viewClient").input(SimulatedTextInput).mutation(({ ctx, input }) => sendSimulatedText({ ...input, clientId: ctx.access.clientId })),
  thread: clientProcedure("viewClient").input(ThreadInput).query(({ ctx, input }) => simulatedThread({ ...input, clientId: ctx.access.clientId })),
});
