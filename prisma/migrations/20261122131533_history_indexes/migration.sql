-- CreateIndex
CREATE INDEX "Message_retryOfId_idx" ON "Message"("retryOfId");

-- CreateIndex
CREATE INDEX "FlowRun_startedAt_idx" ON "FlowRun"("startedAt");

-- Failed sends include texts blocked by an opt-out: widen the partial index to them.
DROP INDEX "Message_failed_unresolved";
CREATE INDEX "Message_failed_unresolved" ON "Message"("clientId", "createdAt" DESC) WHERE "status" IN ('failed', 'undelivered', 'blocked') AND "resolvedAt" IS NULL;
