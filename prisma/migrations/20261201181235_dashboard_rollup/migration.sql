-- DropIndex
DROP INDEX "Call_clientId_createdAt_idx";

-- DropIndex
DROP INDEX "FlowRun_clientId_startedAt_idx";

-- CreateTable
CREATE TABLE "RunBranchDay" (
    "clientId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "flowId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "replied" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RunBranchDay_pkey" PRIMARY KEY ("clientId","day","flowId","nodeId","handle")
);

-- CreateIndex
CREATE INDEX "Call_clientId_createdAt_missed_callSid_idx" ON "Call"("clientId", "createdAt", "missed", "callSid");

-- CreateIndex
CREATE INDEX "Message_clientId_createdAt_direction_status_runId_idx" ON "Message"("clientId", "createdAt", "direction", "status", "runId");

-- CreateIndex
CREATE INDEX "FlowRun_clientId_startedAt_id_triggerEventId_idx" ON "FlowRun"("clientId", "startedAt", "id", "triggerEventId");

-- AddForeignKey
ALTER TABLE "RunBranchDay" ADD CONSTRAINT "RunBranchDay_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunBranchDay" ADD CONSTRAINT "RunBranchDay_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- RunBranchDay is kept by triggers (by hand: Prisma cannot express them).
--
-- Exact under concurrent writes because every change is a commutative increment (INSERT … ON CONFLICT
-- DO UPDATE n = n + 1) and the two facts that meet — "the run took this handle" (FlowRun.trace grows)
-- and "the run got a reply" (a waitForReply RunStep gets output.reply) — are serialised on the run's
-- row: a trace update holds it, and the reply trigger takes it (FOR NO KEY UPDATE, which does not
-- conflict with the foreign-key locks of concurrent step inserts) before it looks, with a fresh
-- snapshot, at the committed trace and at the run's other steps. Whichever commits second sees the
-- first, so a branch is counted once and its reply once. Runs are only ever deleted with their flow or
-- client, whose rollup rows cascade away with them.

-- The distinct (node, handle) pairs a run's recorded path took, with the node's kind and name.
CREATE FUNCTION "run_branches"(trace JSONB) RETURNS TABLE ("nodeId" TEXT, "handle" TEXT, "kind" TEXT, "node" TEXT, "position" INT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT e->>'nodeId', e->>'handle', max(e->>'kind'), max(e->>'name'), min(ord)::int
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(trace) = 'array' THEN trace ELSE '[]'::jsonb END) WITH ORDINALITY AS t(e, ord)
   WHERE e->>'handle' IS NOT NULL AND e->>'nodeId' IS NOT NULL
   GROUP BY 1, 2
$$;

CREATE FUNCTION "run_branch_day_on_run"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  local_day DATE;
  has_reply INT;
BEGIN
  SELECT (NEW."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date INTO local_day FROM "Client" c WHERE c."id" = NEW."clientId";
  has_reply := CASE WHEN EXISTS (
    SELECT 1 FROM "RunStep" s WHERE s."runId" = NEW."id" AND s."kind" = 'waitForReply' AND s."output"->>'reply' IS NOT NULL
  ) THEN 1 ELSE 0 END;
  INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
  SELECT NEW."clientId", local_day, NEW."flowId", b."nodeId", b."handle", b."kind", coalesce(b."node", ''), b."position", 1, has_reply
    FROM (
      SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position" WHERE TG_OP = 'INSERT'
      UNION ALL
      SELECT n."nodeId", n."handle", coalesce(n."kind", ''), n."node", n."position" FROM "run_branches"(NEW."trace") n
       WHERE TG_OP = 'INSERT'
          OR NOT EXISTS (SELECT 1 FROM "run_branches"(OLD."trace") o WHERE o."nodeId" = n."nodeId" AND o."handle" = n."handle")
    ) b
   ORDER BY b."nodeId", b."handle"
  ON CONFLICT ("clientId", "day", "flowId", "nodeId", "handle") DO UPDATE
    SET "runs" = "RunBranchDay"."runs" + 1,
        "replied" = "RunBranchDay"."replied" + EXCLUDED."replied",
        "node" = CASE WHEN EXCLUDED."node" = '' THEN "RunBranchDay"."node" ELSE EXCLUDED."node" END,
        "position" = least("RunBranchDay"."position", EXCLUDED."position");
  RETURN NULL;
END $$;

CREATE TRIGGER "FlowRun_branch_day_insert" AFTER INSERT ON "FlowRun"
  FOR EACH ROW EXECUTE FUNCTION "run_branch_day_on_run"();
CREATE TRIGGER "FlowRun_branch_day_trace" AFTER UPDATE OF "trace" ON "FlowRun"
  FOR EACH ROW WHEN (OLD."trace" IS DISTINCT FROM NEW."trace") EXECUTE FUNCTION "run_branch_day_on_run"();

CREATE FUNCTION "run_branch_day_on_reply"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  run RECORD;
  local_day DATE;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."kind" = 'waitForReply' AND OLD."output"->>'reply' IS NOT NULL THEN
    RETURN NULL; -- this step's reply was counted already
  END IF;
  SELECT r."id", r."clientId", r."flowId", r."startedAt", r."trace" INTO run FROM "FlowRun" r WHERE r."id" = NEW."runId" FOR NO KEY UPDATE;
  IF NOT FOUND OR EXISTS (
    SELECT 1 FROM "RunStep" s WHERE s."runId" = NEW."runId" AND s."id" <> NEW."id" AND s."kind" = 'waitForReply' AND s."output"->>'reply' IS NOT NULL
  ) THEN
    RETURN NULL; -- the run had replied before: counted once per run
  END IF;
  SELECT (run."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date INTO local_day FROM "Client" c WHERE c."id" = run."clientId";
  -- Rows in (node, handle) order, as the run trigger writes them: concurrent writers lock rollup rows
  -- in one order, so they cannot deadlock. The rows exist (the run trigger made them): runs += 0.
  INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
  SELECT run."clientId", local_day, run."flowId", b."nodeId", b."handle", b."kind", coalesce(b."node", ''), b."position", 0, 1
    FROM (
      SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position"
      UNION ALL
      SELECT n."nodeId", n."handle", coalesce(n."kind", ''), n."node", n."position" FROM "run_branches"(run."trace") n
    ) b
   ORDER BY b."nodeId", b."handle"
  ON CONFLICT ("clientId", "day", "flowId", "nodeId", "handle") DO UPDATE SET "replied" = "RunBranchDay"."replied" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "RunStep_branch_day_reply" AFTER INSERT OR UPDATE OF "output" ON "RunStep"
  FOR EACH ROW WHEN (NEW."kind" = 'waitForReply' AND NEW."output"->>'reply' IS NOT NULL) EXECUTE FUNCTION "run_branch_day_on_reply"();

-- Backfill from the runs recorded so far.
INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
SELECT r."clientId", (r."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, r."flowId", b."nodeId", b."handle",
       max(b."kind"), coalesce(max(b."node"), ''), min(b."position"), count(*), count(*) FILTER (WHERE rp."runId" IS NOT NULL)
  FROM "FlowRun" r
  JOIN "Client" c ON c."id" = r."clientId"
  CROSS JOIN LATERAL (
    SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position"
    UNION ALL
    SELECT n."nodeId", n."handle", coalesce(n."kind", ''), n."node", n."position" FROM "run_branches"(r."trace") n
  ) b
  LEFT JOIN (
    SELECT DISTINCT s."runId" FROM "RunStep" s WHERE s."kind" = 'waitForReply' AND s."output"->>'reply' IS NOT NULL
  ) rp ON rp."runId" = r."id"
 GROUP BY 1, 2, 3, 4, 5;
