-- RunBranchDay rebuilt from the runs, set-based (by hand: Prisma cannot express functions). For bulk
-- loads that skip the row triggers (scripts/seed-scale.ts), and after a client's timezone changes
-- (its runs' local days move). Takes an exclusive lock on the rollup while it runs, so concurrent
-- trigger writes wait and then apply on top of the rebuilt rows.
CREATE FUNCTION "run_branch_day_rebuild"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "RunBranchDay" IN ACCESS EXCLUSIVE MODE;
  DELETE FROM "RunBranchDay";
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
END $$;
