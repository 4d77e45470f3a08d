-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "outcomeUnknown" BOOLEAN NOT NULL DEFAULT false;

-- Outbound texts whose delivery is not final yet, oldest update first: what the reconciler
-- (server/twilio/reconcile.ts) asks Twilio about. Partial, by hand: Prisma cannot express it.
CREATE INDEX "Message_in_flight" ON "Message" ("updatedAt") WHERE "direction" = 'outbound' AND "status" IN ('queued', 'sending', 'sent');

-- Texts whose send outcome is unknown and not yet settled: what the reconciler looks for in Twilio's list.
CREATE INDEX "Message_outcome_unknown" ON "Message" ("createdAt") WHERE "outcomeUnknown" AND "twilioSid" IS NULL AND "resolvedAt" IS NULL;
