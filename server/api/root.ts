import { clientsRouter } from "./routers/clients/router";
import { flowsRouter } from "./routers/flows/router";
import { meRouter } from "./routers/me/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  clients: clientsRouter,
  flows: flowsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
