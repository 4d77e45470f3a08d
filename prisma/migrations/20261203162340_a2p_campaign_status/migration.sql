-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "a2pCampaignStatus" TEXT,
ADD COLUMN     "a2pCheckedAt" TIMESTAMP(3);
