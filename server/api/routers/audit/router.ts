import { z } from "zod";
import { auditKinds, listAgencyAudit, listClientAudit, type AuditKind } from "../../../audit/audit-service";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";

const Kind = z.enum(Object.keys(auditKinds) as [AuditKind, ...AuditKind[]]).nullable().default(null);

/** The audit log: a client's (admins and its owner), the agency's (agency admins). */
export const auditRouter = createTRPCRouter({
  client: clientProcedure("manageSettings")
    .input(z.object({ kind: Kind }))
    .query(({ ctx, input }) => listClientAudit({ clientId: ctx.access.clientId, kind: input.kind })),
  agency: protectedProcedure
    .input(z.object({ kind: Kind, clientId: z.string().min(1).nullable().default(null) }))
    .query(({ ctx, input }) => listAgencyAudit({ viewer: ctx.viewer, kind: input.kind, clientId: input.clientId })),
});
