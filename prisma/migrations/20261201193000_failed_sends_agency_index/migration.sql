-- Failed sends across an agency (by hand: Prisma cannot express partial indexes). The list is the
-- newest 200 unresolved failures of many clients: with only (clientId, createdAt) the planner reads
-- every client's failures and sorts them (30,000 rows at 1M texts); newest first across all clients,
-- it stops after the first 200 of the agency's clients.
CREATE INDEX "Message_failed_unresolved_newest" ON "Message"("createdAt" DESC) WHERE "status" IN ('failed', 'undelivered', 'blocked') AND "resolvedAt" IS NULL;
