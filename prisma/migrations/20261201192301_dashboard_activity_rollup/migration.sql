-- CreateTable
CREATE TABLE "ActivityDay" (
    "clientId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "missed" INTEGER NOT NULL DEFAULT 0,
    "texts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("clientId","day")
);

-- AddForeignKey
ALTER TABLE "ActivityDay" ADD CONSTRAINT "ActivityDay_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- ActivityDay is kept by triggers (by hand: Prisma cannot express them): a missed call counts on its
-- client's local day of createdAt, an outbound text likewise. Every change is a commutative increment
-- (INSERT … ON CONFLICT DO UPDATE n = n + delta), old row out and new row in, written in key order, so
-- concurrent writers stay exact and cannot deadlock each other. The Message trigger's name sorts after
-- Message_first_text_*: a text's writer locks its run, then the day's row, like every other writer.
CREATE FUNCTION "activity_day_tally"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  is_call BOOLEAN := TG_TABLE_NAME = 'Call';
  old_counts BOOLEAN := false;
  new_counts BOOLEAN := false;
BEGIN
  -- One statement per table: PL/pgSQL plans a statement when it first runs it, with the row's fields.
  IF TG_OP <> 'INSERT' AND is_call THEN old_counts := OLD."missed"; END IF;
  IF TG_OP <> 'INSERT' AND NOT is_call THEN old_counts := OLD."direction"::text = 'outbound'; END IF;
  IF TG_OP <> 'DELETE' AND is_call THEN new_counts := NEW."missed"; END IF;
  IF TG_OP <> 'DELETE' AND NOT is_call THEN new_counts := NEW."direction"::text = 'outbound'; END IF;
  WITH moves AS (
    SELECT OLD."clientId" AS "clientId", (OLD."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date AS day, -1 AS delta
      FROM "Client" c WHERE old_counts AND c."id" = OLD."clientId"
    UNION ALL
    SELECT NEW."clientId", (NEW."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, 1
      FROM "Client" c WHERE new_counts AND c."id" = NEW."clientId"
  ), net AS (
    SELECT m."clientId", m.day, sum(m.delta)::int AS delta FROM moves m GROUP BY 1, 2 HAVING sum(m.delta) <> 0
  )
  INSERT INTO "ActivityDay" ("clientId", "day", "missed", "texts")
  SELECT n."clientId", n.day, CASE WHEN is_call THEN n.delta ELSE 0 END, CASE WHEN is_call THEN 0 ELSE n.delta END
    FROM net n ORDER BY n."clientId", n.day
  ON CONFLICT ("clientId", "day") DO UPDATE
    SET "missed" = "ActivityDay"."missed" + EXCLUDED."missed", "texts" = "ActivityDay"."texts" + EXCLUDED."texts";
  RETURN NULL;
END $$;

CREATE TRIGGER "Call_tally_day_insert" AFTER INSERT ON "Call"
  FOR EACH ROW WHEN (NEW."missed") EXECUTE FUNCTION "activity_day_tally"();
CREATE TRIGGER "Call_tally_day_update" AFTER UPDATE OF "missed", "createdAt", "clientId" ON "Call"
  FOR EACH ROW WHEN (OLD."missed" IS DISTINCT FROM NEW."missed" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."clientId" IS DISTINCT FROM NEW."clientId")
  EXECUTE FUNCTION "activity_day_tally"();
CREATE TRIGGER "Call_tally_day_delete" AFTER DELETE ON "Call"
  FOR EACH ROW WHEN (OLD."missed") EXECUTE FUNCTION "activity_day_tally"();
CREATE TRIGGER "Message_tally_day_insert" AFTER INSERT ON "Message"
  FOR EACH ROW WHEN (NEW."direction" = 'outbound') EXECUTE FUNCTION "activity_day_tally"();
CREATE TRIGGER "Message_tally_day_update" AFTER UPDATE OF "direction", "createdAt", "clientId" ON "Message"
  FOR EACH ROW WHEN (OLD."direction" IS DISTINCT FROM NEW."direction" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."clientId" IS DISTINCT FROM NEW."clientId")
  EXECUTE FUNCTION "activity_day_tally"();
CREATE TRIGGER "Message_tally_day_delete" AFTER DELETE ON "Message"
  FOR EACH ROW WHEN (OLD."direction" = 'outbound') EXECUTE FUNCTION "activity_day_tally"();

-- Set-based, from the calls and texts; called by run_branch_day_rebuild() with the other rollups.
CREATE FUNCTION "activity_day_rebuild"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ActivityDay" IN ACCESS EXCLUSIVE MODE;
  DELETE FROM "ActivityDay";
  INSERT INTO "ActivityDay" ("clientId", "day", "missed", "texts")
  SELECT x."clientId", x.day, sum(x.missed)::int, sum(x.texts)::int FROM (
    SELECT k."clientId", (k."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date AS day, 1 AS missed, 0 AS texts
      FROM "Call" k JOIN "Client" c ON c."id" = k."clientId" WHERE k."missed"
    UNION ALL
    SELECT m."clientId", (m."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date, 0, 1
      FROM "Message" m JOIN "Client" c ON c."id" = m."clientId" WHERE m."direction" = 'outbound'
  ) x GROUP BY 1, 2;
END $$;

-- The rebuild of every dashboard rollup (as in 20261201191518_dashboard_text_rollup), now with ActivityDay.
CREATE OR REPLACE FUNCTION "run_branch_day_rebuild"() RETURNS VOID LANGUAGE plpgsql AS $$
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

-- Backfill from the calls and texts recorded so far.
SELECT "activity_day_rebuild"();
