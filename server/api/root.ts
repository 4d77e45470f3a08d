import { clientsRouter } from "./routers/clients/router";
import { contactsRouter } from "./routers/contacts/router";
import { dashboardRouter } from "./routers/dashboard/router";
import { flowsRouter } from "./routers/flows/router";
import { auditRouter } from "./routers/audit/router";
import { invitationsRouter } from "./routers/invitations/router";
import { membersRouter } from "./routers/members/router";
import { numbersRouter } from "./routers/numbers/router";
import { inboxRouter } from "./routers/inbox/router";
import { meRouter } from "./routers/me/router";
import { notificationsRouter } from "./routers/notifications/router";
import { phoneRouter } from "./routers/phone/router";
import { runsRouter } from "./routers/runs/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  notifications: notificationsRouter,
  clients: clientsRouter,
  contacts: contactsRouter,
  dashboard: dashboardRouter,
  flows: flowsRouter,
  inbox: inboxRouter,
  phone: phoneRouter,
  runs: runsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  numbers: numbersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
