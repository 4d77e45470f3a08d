-- RunBranchDay: a deleted run takes its counts with it (by hand: Prisma cannot express triggers).
-- BEFORE DELETE, so the run's steps (deleted after it, by the foreign key's cascade) still say whether
-- it got a reply. The decrements are ordered like every other writer's, so they cannot deadlock.
CREATE FUNCTION "run_branch_day_on_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  local_day DATE;
  had_reply INT;
BEGIN
  SELECT (OLD."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date INTO local_day FROM "Client" c WHERE c."id" = OLD."clientId";
  had_reply := CASE WHEN EXISTS (
    SELECT 1 FROM "RunStep" s WHERE s."runId" = OLD."id" AND s."kind" = 'waitForReply' AND s."output"->>'reply' IS NOT NULL
  ) THEN 1 ELSE 0 END;
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

CREATE TRIGGER "FlowRun_branch_day_delete" BEFORE DELETE ON "FlowRun"
  FOR EACH ROW EXECUTE FUNCTION "run_branch_day_on_delete"();
