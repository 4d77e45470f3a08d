-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "repliedAt" TIMESTAMP(3);

-- ---------------------------------------------------------------------------------------------------
-- RunBranchDay kept from each run's own row (by hand: Prisma cannot express triggers).
--
-- Before, a reply was counted by a trigger on RunStep that added the reply to every branch of the
-- run's current path, while the path trigger counted a new branch with "replied" if the run had a
-- reply. When the run recorder wrote a finished wait and the grown path in ONE statement (it does,
-- to save round trips), both triggers saw both changes and the branches new in that statement got the
-- reply twice ("1 runs, 2 replied"). Now the reply is a fact on the run (FlowRun.repliedAt, set once
-- by the RunStep trigger), and one FlowRun trigger moves the run's contribution from its OLD row
-- (path, replied?) to its NEW one: minus the old, plus the new, netted per rollup row. Row updates of
-- one run are serialised by PostgreSQL's row lock and the increments commute, so the rollup is exact
-- under concurrent writers; rows are written in key order, so writers cannot deadlock.

UPDATE "FlowRun" r SET "repliedAt" = s.at
  FROM (
    SELECT "runId", min(coalesce("endedAt", "startedAt")) AS at FROM "RunStep"
     WHERE "kind" = 'waitForReply' AND "output"->>'reply' IS NOT NULL GROUP BY "runId"
  ) s
 WHERE s."runId" = r."id";

DROP TRIGGER "FlowRun_branch_day_insert" ON "FlowRun";
DROP TRIGGER "FlowRun_branch_day_trace" ON "FlowRun";
DROP TRIGGER "FlowRun_branch_day_delete" ON "FlowRun";
DROP TRIGGER "RunStep_branch_day_reply" ON "RunStep";
DROP FUNCTION "run_branch_day_on_run"();
DROP FUNCTION "run_branch_day_on_delete"();
DROP FUNCTION "run_branch_day_on_reply"();

CREATE FUNCTION "run_replied_on_step"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "FlowRun" SET "repliedAt" = now() WHERE "id" = NEW."runId" AND "repliedAt" IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER "RunStep_run_replied" AFTER INSERT OR UPDATE OF "output" ON "RunStep"
  FOR EACH ROW WHEN (NEW."kind" = 'waitForReply' AND NEW."output"->>'reply' IS NOT NULL) EXECUTE FUNCTION "run_replied_on_step"();

-- One run's rollup rows: the whole-run row ('', '') and one per (node, handle) its path took.
CREATE FUNCTION "run_branch_day_rows"(client_id TEXT, started_at TIMESTAMP, flow_id TEXT, trace JSONB, replied BOOLEAN, sign INT)
RETURNS TABLE ("clientId" TEXT, "day" DATE, "flowId" TEXT, "nodeId" TEXT, "handle" TEXT, "kind" TEXT, "node" TEXT, "position" INT, "runs" INT, "replied" INT)
LANGUAGE sql STABLE AS $$
  SELECT client_id, (started_at AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, flow_id, b."nodeId", b."handle", b."kind", b."node", b."position",
         sign, CASE WHEN replied THEN sign ELSE 0 END
    FROM "Client" c
   CROSS JOIN LATERAL (
     SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position"
     UNION ALL
     SELECT n."nodeId", n."handle", coalesce(n."kind", ''), coalesce(n."node", ''), n."position" FROM "run_branches"(trace) n
   ) b
   WHERE c."id" = client_id
$$;

CREATE FUNCTION "run_branch_day_on_run"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Only rows that still exist: when the run goes with its flow or client, their rollup rows have
    -- gone by cascade already (and inserting would break the foreign key).
    WITH gone AS (
      SELECT * FROM "run_branch_day_rows"(OLD."clientId", OLD."startedAt", OLD."flowId", OLD."trace", OLD."repliedAt" IS NOT NULL, -1)
    ), locked AS (
      SELECT d."clientId", d."day", d."flowId", d."nodeId", d."handle", g."runs", g."replied" FROM "RunBranchDay" d
        JOIN gone g ON g."clientId" = d."clientId" AND g."day" = d."day" AND g."flowId" = d."flowId" AND g."nodeId" = d."nodeId" AND g."handle" = d."handle"
       ORDER BY d."clientId", d."day", d."flowId", d."nodeId", d."handle"
         FOR UPDATE OF d
    )
    UPDATE "RunBranchDay" d SET "runs" = d."runs" + l."runs", "replied" = d."replied" + l."replied"
      FROM locked l
     WHERE d."clientId" = l."clientId" AND d."day" = l."day" AND d."flowId" = l."flowId" AND d."nodeId" = l."nodeId" AND d."handle" = l."handle";
    RETURN NULL;
  END IF;
  WITH moves AS (
    SELECT * FROM "run_branch_day_rows"(OLD."clientId", OLD."startedAt", OLD."flowId", OLD."trace", OLD."repliedAt" IS NOT NULL, -1) WHERE TG_OP = 'UPDATE'
    UNION ALL
    SELECT * FROM "run_branch_day_rows"(NEW."clientId", NEW."startedAt", NEW."flowId", NEW."trace", NEW."repliedAt" IS NOT NULL, 1)
  ), net AS (
    SELECT m."clientId", m."day", m."flowId", m."nodeId", m."handle", max(m."kind") AS "kind", max(m."node") AS "node", min(m."position") AS "position",
           sum(m."runs")::int AS "runs", sum(m."replied")::int AS "replied"
      FROM moves m GROUP BY 1, 2, 3, 4, 5 HAVING sum(m."runs") <> 0 OR sum(m."replied") <> 0
  )
  INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
  SELECT * FROM net n ORDER BY n."clientId", n."day", n."flowId", n."nodeId", n."handle"
  ON CONFLICT ("clientId", "day", "flowId", "nodeId", "handle") DO UPDATE
    SET "runs" = "RunBranchDay"."runs" + EXCLUDED."runs",
        "replied" = "RunBranchDay"."replied" + EXCLUDED."replied",
        "node" = CASE WHEN EXCLUDED."node" = '' THEN "RunBranchDay"."node" ELSE EXCLUDED."node" END,
        "position" = least("RunBranchDay"."position", EXCLUDED."position");
  RETURN NULL;
END $$;

CREATE TRIGGER "FlowRun_branch_day_insert" AFTER INSERT ON "FlowRun"
  FOR EACH ROW EXECUTE FUNCTION "run_branch_day_on_run"();
CREATE TRIGGER "FlowRun_branch_day_update" AFTER UPDATE OF "trace", "repliedAt", "startedAt", "clientId", "flowId" ON "FlowRun"
  FOR EACH ROW WHEN (OLD."trace" IS DISTINCT FROM NEW."trace" OR OLD."repliedAt" IS DISTINCT FROM NEW."repliedAt" OR OLD."startedAt" IS DISTINCT FROM NEW."startedAt"
                     OR OLD."clientId" IS DISTINCT FROM NEW."clientId" OR OLD."flowId" IS DISTINCT FROM NEW."flowId")
  EXECUTE FUNCTION "run_branch_day_on_run"();
CREATE TRIGGER "FlowRun_branch_day_delete" AFTER DELETE ON "FlowRun"
  FOR EACH ROW EXECUTE FUNCTION "run_branch_day_on_run"();
