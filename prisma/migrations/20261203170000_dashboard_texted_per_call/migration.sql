-- The dashboard's "Texted" counts callers texted per missed call, not runs.
--
-- Before one flow answered each call (20261203130000_flow_priority), every live flow listening on a
-- number ran for the same call, so one missed call could have two runs that both texted the caller:
-- the funnel read "Texted 7" over "Missed calls 5". Since then a call starts at most one run, so the
-- FlowRun triggers (one RunTextDay count per texted run) count one per call; the rebuild, which
-- recomputes the rollups from the history (and backfills them here), keeps one run per call: the
-- call's earliest texted run, whose first text is also the call's time to first text.
-- (One per trigger event, triggerEventId: a CallSid for a missed call.)

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
  -- One per call: the call's earliest texted run (history from before one flow per call has
  -- several runs per call, and the funnel counts callers texted, never more than calls missed).
  INSERT INTO "RunTextDay" ("clientId", "day", "tenths", "runs")
  SELECT f."clientId", f.day, f.tenths, count(*) FROM (
    SELECT DISTINCT ON (r."clientId", r."triggerEventId")
           r."clientId", (r."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date AS day, "run_text_tenths"(r."firstTextAt", k."createdAt") AS tenths
      FROM "FlowRun" r
      JOIN "Client" c ON c."id" = r."clientId"
      LEFT JOIN "Call" k ON k."callSid" = r."triggerEventId"
     WHERE r."firstTextAt" IS NOT NULL
     ORDER BY r."clientId", r."triggerEventId", r."firstTextAt", r."id"
  ) f
   GROUP BY 1, 2, 3;
  PERFORM "activity_day_rebuild"();
END $$;

-- Backfill: rollups rebuilt from the history so far.
SELECT "run_branch_day_rebuild"();
