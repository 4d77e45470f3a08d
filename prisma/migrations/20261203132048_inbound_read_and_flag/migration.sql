-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "flag" TEXT,
ADD COLUMN     "readAt" TIMESTAMP(3);

-- Texts received before staff could mark anything read count as read: only new ones are unread.
UPDATE "Message" SET "readAt" = "createdAt" WHERE "direction" = 'inbound';

-- The inbox's unread conversations (Prisma cannot express a partial index).
CREATE INDEX "Message_inbound_unread" ON "Message" ("clientId", "contactId") WHERE "direction" = 'inbound' AND "readAt" IS NULL;
