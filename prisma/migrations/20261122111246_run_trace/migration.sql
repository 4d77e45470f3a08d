-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "trace" JSONB NOT NULL DEFAULT '[]';
