-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "outcomeUnknown" BOOLEAN NOT NULL DEFAULT false;

-- Outbound texts whose delivery is not final yet, oldest update first: what the reconciler
-- (server/messaging/reconcile.ts) asks Twilio about. Partial, by hand: Prisma cannot express it.
CREATE INDEX "Message_in_flight" ON "Message" ("updatedAt") WHERE "direction" = 'outbound' AND "status" IN ('queued', 'sending', 'sent');
