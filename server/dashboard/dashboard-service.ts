import { Prisma } from "../db/generated/client";
import { db } from "../db/client";

/**
 * Is text-back paying off? The funnel missed call → texted → replied → lead → booked, failed sends,
 * the median seconds from missed call to first text, reply rate by flow, and a daily series.
 */
export async function getDashboard(options: { clientIds: string[]; days: number; now?: Date }) {
  const since = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const ids = options.clientIds.length ? options.clientIds : ["-"];
  const clients = Prisma.join(ids);
  const [funnel] = await db.$queryRaw<{ missed: bigint; texted: bigint; replied: bigint; leads: bigint; booked: bigint; median_seconds: number | null }[]>`
    WITH runs AS (
      SELECT r."id", r."triggerEventId", r."startedAt" FROM "FlowRun" r WHERE r."clientId" IN (${clients}) AND r."startedAt" >= ${since}
    ), first_text AS (
      SELECT m."runId", min(m."createdAt") AS at FROM "Message" m
      WHERE m."runId" IN (SELECT "id" FROM runs) AND m."direction" = 'outbound' AND m."status" IN ('queued','sending','sent','delivered')
      GROUP BY m."runId"
    )
    SELECT
      (SELECT count(*) FROM "Call" c WHERE c."clientId" IN (${clients}) AND c."missed" AND c."createdAt" >= ${since}) AS missed,
      (SELECT count(*) FROM first_text) AS texted,
      (SELECT count(DISTINCT s."runId") FROM "RunStep" s WHERE s."runId" IN (SELECT "id" FROM runs) AND s."kind" = 'waitForReply' AND s."output"->'reply' IS NOT NULL AND s."output"->>'reply' IS NOT NULL) AS replied,
      (SELECT count(*) FROM "Lead" l WHERE l."runId" IN (SELECT "id" FROM runs)) AS leads,
      (SELECT count(*) FROM "Appointment" a WHERE a."runId" IN (SELECT "id" FROM runs) AND a."status" = 'booked') AS booked,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.at - c."createdAt"))
         FROM first_text f JOIN runs r ON r."id" = f."runId" JOIN "Call" c ON c."callSid" = r."triggerEventId") AS median_seconds`;
  const [failed] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Message" WHERE "clientId" IN (${clients}) AND "direction" = 'outbound' AND "status" IN ('failed','undelivered') AND "resolvedAt" IS NULL`;
  const byFlow = await db.$queryRaw<{ flow: string; runs: bigint; replied: bigint }[]>`
    SELECT f."name" AS flow, count(DISTINCT r."id") AS runs,
           count(DISTINCT s."runId") FILTER (WHERE s."output"->>'reply' IS NOT NULL) AS replied
      FROM "FlowRun" r JOIN "Flow" f ON f."id" = r."flowId"
      LEFT JOIN "RunStep" s ON s."runId" = r."id" AND s."kind" = 'waitForReply'
     WHERE r."clientId" IN (${clients}) AND r."startedAt" >= ${since}
     GROUP BY f."name" ORDER BY runs DESC`;
  const daily = await db.$queryRaw<{ day: Date; missed: bigint; texts: bigint }[]>`
    SELECT d::date AS day,
      (SELECT count(*) FROM "Call" c WHERE c."clientId" IN (${clients}) AND c."missed" AND c."createdAt" >= d AND c."createdAt" < d + interval '1 day') AS missed,
      (SELECT count(*) FROM "Message" m WHERE m."clientId" IN (${clients}) AND m."direction" = 'outbound' AND m."createdAt" >= d AND m."createdAt" < d + interval '1 day') AS texts
    FROM generate_series(date_trunc('day', ${since}::timestamp), date_trunc('day', now()), interval '1 day') d`;
  const n = (v: bigint | number | null) => Number(v ?? 0);
  return {
    funnel: [
      { stage: "Missed calls", count: n(funnel.missed) },
      { stage: "Texted", count: n(funnel.texted) },
      { stage: "Replied", count: n(funnel.replied) },
      { stage: "Leads", count: n(funnel.leads) },
      { stage: "Booked", count: n(funnel.booked) },
    ],
    failedSends: n(failed.n),
    medianSecondsToFirstText: funnel.median_seconds === null ? null : Number(funnel.median_seconds),
    replyRateByFlow: byFlow.map((f) => ({ flow: f.flow, runs: n(f.runs), replied: n(f.replied), rate: n(f.runs) ? n(f.replied) / n(f.runs) : 0 })),
    daily: daily.map((d) => ({ day: d.day.toISOString().slice(0, 10), missed: n(d.missed), texts: n(d.texts) })),
  };
}
