-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "firstTextAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RunTextDay" (
    "clientId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "tenths" INTEGER NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RunTextDay_pkey" PRIMARY KEY ("clientId","day","tenths")
);

-- AddForeignKey
ALTER TABLE "RunTextDay" ADD CONSTRAINT "RunTextDay_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- The dashboard's "texted" and time to first text, kept by triggers (by hand: Prisma cannot express them).
--
-- A run's first text (FlowRun.firstTextAt) is the creation time of its earliest outbound Message whose
-- status says it went out (queued, sending, sent, delivered) — what the dashboard used to compute from
-- every text in the window. The Message triggers keep it: they lock the run's row (FOR NO KEY UPDATE)
-- and only then, with a fresh snapshot, take the minimum over the run's texts, so two texts of one run
-- written at once are serialised on the run and whichever commits second sees the first. The FlowRun
-- triggers then move the run's count in RunTextDay from its old (day, tenths) to its new one, as
-- commutative increments in key order (no deadlocks between writers). `tenths` is the time from the
-- run's missed call (Call.callSid = triggerEventId) to its first text in tenths of a second, rounded to
-- the tenth below 2 minutes (the dashboard shows tenths), to the second below an hour, to the minute
-- beyond; -1 when the run has no call.

CREATE FUNCTION "run_text_tenths"(first_text TIMESTAMP, call_at TIMESTAMP) RETURNS INT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN call_at IS NULL THEN -1
    WHEN s < 120 THEN round(s * 10)
    WHEN s < 3600 THEN round(s) * 10
    ELSE round(s / 60) * 600
  END::int
  FROM (SELECT greatest(extract(epoch FROM first_text - call_at), 0) AS s) x
$$;

CREATE FUNCTION "run_text_day_on_run"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ringback.rollup_rebuild', true) = 'on' THEN
    RETURN NULL; -- run_branch_day_rebuild() recomputes RunTextDay whole
  END IF;
  WITH moves AS (
    SELECT OLD."clientId" AS "clientId", (OLD."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date AS day,
           "run_text_tenths"(OLD."firstTextAt", (SELECT k."createdAt" FROM "Call" k WHERE k."callSid" = OLD."triggerEventId")) AS tenths, -1 AS delta
      FROM "Client" c WHERE TG_OP IN ('UPDATE', 'DELETE') AND OLD."firstTextAt" IS NOT NULL AND c."id" = OLD."clientId"
    UNION ALL
    SELECT NEW."clientId", (NEW."startedAt" AT TIME ZONE 'UTC' AT TIME ZONE c."timezone")::date,
           "run_text_tenths"(NEW."firstTextAt", (SELECT k."createdAt" FROM "Call" k WHERE k."callSid" = NEW."triggerEventId")), 1
      FROM "Client" c WHERE TG_OP IN ('INSERT', 'UPDATE') AND NEW."firstTextAt" IS NOT NULL AND c."id" = NEW."clientId"
  ), net AS (
    SELECT m."clientId", m.day, m.tenths, sum(m.delta)::int AS delta FROM moves m GROUP BY 1, 2, 3 HAVING sum(m.delta) <> 0
  )
  INSERT INTO "RunTextDay" ("clientId", "day", "tenths", "runs")
  SELECT n."clientId", n.day, n.tenths, n.delta FROM net n ORDER BY n."clientId", n.day, n.tenths
  ON CONFLICT ("clientId", "day", "tenths") DO UPDATE SET "runs" = "RunTextDay"."runs" + EXCLUDED."runs";
  RETURN NULL;
END $$;

CREATE TRIGGER "FlowRun_text_day_insert" AFTER INSERT ON "FlowRun"
  FOR EACH ROW WHEN (NEW."firstTextAt" IS NOT NULL) EXECUTE FUNCTION "run_text_day_on_run"();
CREATE TRIGGER "FlowRun_text_day_update" AFTER UPDATE OF "firstTextAt", "startedAt", "clientId", "triggerEventId" ON "FlowRun"
  FOR EACH ROW WHEN (OLD."firstTextAt" IS DISTINCT FROM NEW."firstTextAt" OR OLD."startedAt" IS DISTINCT FROM NEW."startedAt"
                     OR OLD."clientId" IS DISTINCT FROM NEW."clientId" OR OLD."triggerEventId" IS DISTINCT FROM NEW."triggerEventId")
  EXECUTE FUNCTION "run_text_day_on_run"();
CREATE TRIGGER "FlowRun_text_day_delete" AFTER DELETE ON "FlowRun"
  FOR EACH ROW WHEN (OLD."firstTextAt" IS NOT NULL) EXECUTE FUNCTION "run_text_day_on_run"();

CREATE FUNCTION "run_first_text_on_message"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  run_id TEXT;
  first_text TIMESTAMP;
BEGIN
  FOR run_id IN
    SELECT DISTINCT x FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD."runId" END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW."runId" END]) x
     WHERE x IS NOT NULL ORDER BY x
  LOOP
    PERFORM 1 FROM "FlowRun" r WHERE r."id" = run_id FOR NO KEY UPDATE;
    CONTINUE WHEN NOT FOUND;
    SELECT min(m."createdAt") INTO first_text FROM "Message" m
     WHERE m."runId" = run_id AND m."direction" = 'outbound' AND m."status" IN ('queued', 'sending', 'sent', 'delivered');
    UPDATE "FlowRun" r SET "firstTextAt" = first_text WHERE r."id" = run_id AND r."firstTextAt" IS DISTINCT FROM first_text;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "Message_first_text_insert" AFTER INSERT ON "Message"
  FOR EACH ROW WHEN (NEW."runId" IS NOT NULL AND NEW."direction" = 'outbound' AND NEW."status" IN ('queued', 'sending', 'sent', 'delivered'))
  EXECUTE FUNCTION "run_first_text_on_message"();
-- Status moves within queued → delivered change nothing; a text that fails after it was queued does.
CREATE TRIGGER "Message_first_text_update" AFTER UPDATE OF "status", "direction", "createdAt", "runId" ON "Message"
  FOR EACH ROW WHEN (
    (OLD."runId" IS NOT NULL OR NEW."runId" IS NOT NULL) AND (
      (OLD."direction" = 'outbound' AND OLD."status" IN ('queued', 'sending', 'sent', 'delivered'))
        IS DISTINCT FROM (NEW."direction" = 'outbound' AND NEW."status" IN ('queued', 'sending', 'sent', 'delivered'))
      OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."runId" IS DISTINCT FROM NEW."runId"))
  EXECUTE FUNCTION "run_first_text_on_message"();
CREATE TRIGGER "Message_first_text_delete" AFTER DELETE ON "Message"
  FOR EACH ROW WHEN (OLD."runId" IS NOT NULL AND OLD."direction" = 'outbound' AND OLD."status" IN ('queued', 'sending', 'sent', 'delivered'))
  EXECUTE FUNCTION "run_first_text_on_message"();

-- The existing rebuild (bulk loads that skip the row triggers, timezone changes) rebuilds this too:
-- every run's first text from its texts, then RunTextDay from the runs. It holds Message in SHARE
-- mode (text writers wait), and the FlowRun trigger stands aside while it rewrites firstTextAt.
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
END $$;

-- Backfill from the runs and texts recorded so far.
SELECT "run_branch_day_rebuild"();
