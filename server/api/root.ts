import { clientsRouter } from "./routers/clients/router";
import { flowsRouter } from "./routers/flows/router";
import { meRouter } from "./routers/me/router";
import { phoneRouter } from "./routers/phone/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  clients: clientsRouter,
  flows: flowsRouter,
  phone: phoneRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
