-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "webhookSigningSecret" TEXT;
