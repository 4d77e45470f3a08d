-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "replied" BOOLEAN NOT NULL DEFAULT false;

-- ---------------------------------------------------------------------------------------------------
-- RunBranchDay counted a reply twice when the run recorder wrote a wait's reply and the path that
-- follows from it in ONE statement (its data-modifying CTEs): both AFTER triggers fired at the end of
-- the statement and each saw the other's change — the reply trigger the new branches, the trace
-- trigger the reply. Now the reply is a fact on the run's row (FlowRun.replied, set by the RunStep
-- trigger) and ONE trigger on FlowRun counts from each row change's OLD and NEW alone: branches new in
-- the path add a run (and a reply if the run has replied); a run that starts replying adds a reply to
-- every branch of its path. Row changes to one run are serialised on its row, so every change is
-- counted once, in whichever order they commit or fire. (By hand: Prisma cannot express triggers.)

DROP TRIGGER "FlowRun_branch_day_trace" ON "FlowRun";
DROP TRIGGER "RunStep_branch_day_reply" ON "RunStep";
DROP FUNCTION "run_branch_day_on_reply"();

CREATE OR REPLACE FUNCTION "run_branch_day_on_run"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  local_day DATE;
  now_replied INT := CASE WHEN NEW."replied" THEN 1 ELSE 0 END;
  newly_replied INT := 0;
BEGIN
  IF current_setting('ringback.rollup_rebuild', true) = 'on' THEN
    RETURN NULL; -- run_branch_day_rebuild() recomputes RunBranchDay whole
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."replied" AND NOT OLD."replied" THEN
    newly_replied := 1;
  END IF;
  SELECT (NEW."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date INTO local_day FROM "Client" c WHERE c."id" = NEW."clientId";
  INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
  SELECT NEW."clientId", local_day, NEW."flowId", b."nodeId", b."handle", b."kind", coalesce(b."node", ''), b."position", b.runs, b.replied
    FROM (
      -- The run itself: counted when it is inserted; its reply when it starts replying.
      SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position",
             CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE 0 END AS runs, CASE WHEN TG_OP = 'INSERT' THEN now_replied ELSE newly_replied END AS replied
       WHERE TG_OP = 'INSERT' OR newly_replied = 1
      UNION ALL
      SELECT n."nodeId", n."handle", coalesce(n."kind", ''), n."node", n."position",
             CASE WHEN o."nodeId" IS NULL THEN 1 ELSE 0 END, CASE WHEN o."nodeId" IS NULL THEN now_replied ELSE newly_replied END
        FROM "run_branches"(NEW."trace") n
        LEFT JOIN "run_branches"(CASE WHEN TG_OP = 'UPDATE' THEN OLD."trace" ELSE '[]'::jsonb END) o ON o."nodeId" = n."nodeId" AND o."handle" = n."handle"
       WHERE o."nodeId" IS NULL OR newly_replied = 1
    ) b
   ORDER BY b."nodeId", b."handle"
  ON CONFLICT ("clientId", "day", "flowId", "nodeId", "handle") DO UPDATE
    SET "runs" = "RunBranchDay"."runs" + EXCLUDED."runs",
        "replied" = "RunBranchDay"."replied" + EXCLUDED."replied",
        "node" = CASE WHEN EXCLUDED."node" = '' THEN "RunBranchDay"."node" ELSE EXCLUDED."node" END,
        "position" = least("RunBranchDay"."position", EXCLUDED."position");
  RETURN NULL;
END $$;

CREATE TRIGGER "FlowRun_branch_day_trace" AFTER UPDATE OF "trace", "replied" ON "FlowRun"
  FOR EACH ROW WHEN (OLD."trace" IS DISTINCT FROM NEW."trace" OR OLD."replied" IS DISTINCT FROM NEW."replied")
  EXECUTE FUNCTION "run_branch_day_on_run"();

-- A wait's reply marks its run (the UPDATE takes the run's row lock; the FlowRun trigger counts it).
CREATE FUNCTION "run_replied_on_step"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "FlowRun" r SET "replied" = true WHERE r."id" = NEW."runId" AND NOT r."replied";
  RETURN NULL;
END $$;

CREATE TRIGGER "RunStep_run_replied" AFTER INSERT OR UPDATE OF "output" ON "RunStep"
  FOR EACH ROW WHEN (NEW."kind" = 'waitForReply' AND NEW."output"->>'reply' IS NOT NULL) EXECUTE FUNCTION "run_replied_on_step"();

-- A deleted run's reply is on its row now.
CREATE OR REPLACE FUNCTION "run_branch_day_on_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  local_day DATE;
  had_reply INT := CASE WHEN OLD."replied" THEN 1 ELSE 0 END;
BEGIN
  SELECT (OLD."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date INTO local_day FROM "Client" c WHERE c."id" = OLD."clientId";
  WITH gone AS (
    SELECT '' AS "nodeId", '' AS "handle"
    UNION ALL
    SELECT n."nodeId", n."handle" FROM "run_branches"(OLD."trace") n
  ), locked AS (
    SELECT d."clientId", d."day", d."flowId", d."nodeId", d."handle" FROM "RunBranchDay" d
      JOIN gone g ON g."nodeId" = d."nodeId" AND g."handle" = d."handle"
     WHERE d."clientId" = OLD."clientId" AND d."day" = local_day AND d."flowId" = OLD."flowId"
     ORDER BY d."nodeId", d."handle"
       FOR UPDATE OF d
  )
  UPDATE "RunBranchDay" d SET "runs" = d."runs" - 1, "replied" = d."replied" - had_reply
    FROM locked l
   WHERE d."clientId" = l."clientId" AND d."day" = l."day" AND d."flowId" = l."flowId" AND d."nodeId" = l."nodeId" AND d."handle" = l."handle";
  RETURN OLD;
END $$;

-- The rebuild of every dashboard rollup, now with each run's replied flag from its steps.
CREATE OR REPLACE FUNCTION "run_branch_day_rebuild"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "RunBranchDay" IN ACCESS EXCLUSIVE MODE;
  -- Each run's replied flag from its steps first (the FlowRun trigger stands aside: rebuilt below).
  PERFORM set_config('ringback.rollup_rebuild', 'on', true);
  UPDATE "FlowRun" r SET "replied" = f.replied
    FROM (
      SELECT r2."id", (rp."runId" IS NOT NULL) AS replied FROM "FlowRun" r2
        LEFT JOIN (
          SELECT DISTINCT s."runId" FROM "RunStep" s WHERE s."kind" = 'waitForReply' AND s."output"->>'reply' IS NOT NULL
        ) rp ON rp."runId" = r2."id"
    ) f
   WHERE r."id" = f."id" AND r."replied" IS DISTINCT FROM f.replied;
  PERFORM set_config('ringback.rollup_rebuild', 'off', true);
  DELETE FROM "RunBranchDay";
  INSERT INTO "RunBranchDay" ("clientId", "day", "flowId", "nodeId", "handle", "kind", "node", "position", "runs", "replied")
  SELECT r."clientId", (r."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, r."flowId", b."nodeId", b."handle",
         max(b."kind"), coalesce(max(b."node"), ''), min(b."position"), count(*), count(*) FILTER (WHERE r."replied")
    FROM "FlowRun" r
    JOIN "Client" c ON c."id" = r."clientId"
    CROSS JOIN LATERAL (
      SELECT '' AS "nodeId", '' AS "handle", '' AS "kind", '' AS "node", 0 AS "position"
      UNION ALL
      SELECT n."nodeId", n."handle", coalesce(n."kind", ''), n."node", n."position" FROM "run_branches"(r."trace") n
    ) b
   GROUP BY 1, 2, 3, 4, 5;

  LOCK TABLE "Message" IN SHARE MODE;
  PERFORM set_config('ringback.rollup_rebuild', 'on', true);
  UPDATE "FlowRun" r SET "firstTextAt" = f.at
    FROM (
      SELECT r2."id", t.at FROM "FlowRun" r2
        LEFT JOIN (
          SELECT m."runId", min(m."createdAt") AS at FROM "Message" m
           WHERE m."runId" IS NOT NULL AND m."direction" = 'outbound' AND m."status" IN ('queued', 'sending', 'sent', 'delivered')
           GROUP BY m."runId"
        ) t ON t."runId" = r2."id"
    ) f
   WHERE r."id" = f."id" AND r."firstTextAt" IS DISTINCT FROM f.at;
  PERFORM set_config('ringback.rollup_rebuild', 'off', true);
  LOCK TABLE "RunTextDay" IN ACCESS EXCLUSIVE MODE;
  DELETE FROM "RunTextDay";
  INSERT INTO "RunTextDay" ("clientId", "day", "tenths", "runs")
  SELECT r."clientId", (r."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, "run_text_tenths"(r."firstTextAt", k."createdAt"), count(*)
    FROM "FlowRun" r
    JOIN "Client" c ON c."id" = r."clientId"
    LEFT JOIN "Call" k ON k."callSid" = r."triggerEventId"
   WHERE r."firstTextAt" IS NOT NULL
   GROUP BY 1, 2, 3;
  PERFORM "activity_day_rebuild"();
END $$;

-- Backfill: the replied flags and the rollups rebuilt from them.
SELECT "run_branch_day_rebuild"();
