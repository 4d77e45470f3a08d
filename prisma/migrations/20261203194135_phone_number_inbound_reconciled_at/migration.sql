-- AlterTable
ALTER TABLE "PhoneNumber" ADD COLUMN     "inboundReconciledAt" TIMESTAMP(3);
