import { Prisma } from "../db/generated/client";
import { db } from "../db/client";
import { getReplyRates } from "./branch-stats";
import { dashboardScope, inScope, type DashboardWindow } from "./dashboard-scope";

/**
 * Is text-back paying off? The funnel missed call → texted → replied → lead → booked, failed sends,
 * the median seconds from missed call to first text, reply rate by flow and by branch, a daily series
 * and (for several clients) the same per client.
 *
 * The window is each client's own last `days` calendar days, in its timezone: the daily chart counts a
 * call at 03:00 UTC on the 2nd as the 1st in Chicago. Every query starts from the clients in scope and
 * reads rollups that database triggers keep per client and local day, so 50 clients' 30 days cost the
 * same at a thousand runs or a million: replies from RunBranchDay, missed calls and texts from
 * ActivityDay, "texted" and the median time to first text from RunTextDay (the median to the tenth of a
 * second below 2 minutes, as the dashboard shows it; to the second below an hour, the minute beyond).
 * Leads and bookings are joined to the window's runs through a (clientId, time, …) index.
 */
export async function getDashboard(options: { clientIds: string[]; days: number; now?: Date }) {
  const window: DashboardWindow = { clientIds: options.clientIds, days: options.days, now: options.now ?? new Date() };
  const [{ funnel: perClient, daily }, replyRateByFlow] = await Promise.all([funnelAndDaily(window), getReplyRates(window)]);
  const total = perClient.find((c) => c.clientId === null);
  const clients = perClient.filter((c) => c.clientId !== null).sort((a, b) => b.missed - a.missed || a.clientName.localeCompare(b.clientName));
  const counts = total ?? { missed: 0, texted: 0, replied: 0, leads: 0, booked: 0, failedSends: 0, medianSeconds: null };
  return {
    funnel: funnelOf(counts),
    failedSends: counts.failedSends,
    medianSecondsToFirstText: counts.medianSeconds,
    replyRateByFlow,
    byClient: clients.map(({ clientId, clientName, medianSeconds, ...c }) => ({ clientId: clientId!, clientName, ...c, medianSecondsToFirstText: medianSeconds })),
    daily,
  };
}

type Counts = { missed: number; texted: number; replied: number; leads: number; booked: number };
const funnelOf = (c: Counts) => [
  { stage: "Missed calls", count: c.missed },
  { stage: "Texted", count: c.texted },
  { stage: "Replied", count: c.replied },
  { stage: "Leads", count: c.leads },
  { stage: "Booked", count: c.booked },
];

const n = (v: bigint | number | string | null) => Number(v ?? 0);

type FunnelRow = {
  clientId: string | null;
  clientName: string | null;
  missed: number;
  texted: number;
  replied: number;
  leads: number;
  booked: number;
  failed: number;
  median_seconds: number | null;
};

/**
 * The funnel per client and in total (GROUPING SETS: the row with a null clientId is the total), and
 * missed calls and texts per local calendar day — each client's rows by its own timezone. One statement,
 * over the rollups and, for leads and bookings, the window's runs (NOT MATERIALIZED: inlined, each lead
 * or booking looks its run up by id).
 */
async function funnelAndDaily(w: DashboardWindow) {
  const [row] = await db.$queryRaw<{ funnel: FunnelRow[]; daily: { day: string; missed: number; texts: number }[] }[]>`
    WITH ${dashboardScope(w)},
    runs AS NOT MATERIALIZED (
      SELECT r."id", r."clientId", r."triggerEventId"
        FROM scope s JOIN "FlowRun" r ON r."clientId" = s.id AND r."startedAt" >= s.since AND r."startedAt" < s.until
       WHERE ${inScope(Prisma.sql`r."clientId"`, w)}
    ), text_hist AS (
      -- Runs that got a first text, by seconds from the call (the RunTextDay rollup the triggers keep:
      -- to the tenth below 2 minutes, the second below an hour, the minute beyond; -1 for no call),
      -- per client and in total (the row with a null clientId).
      SELECT h."clientId", h.seconds, sum(h.runs) AS n FROM (
        SELECT d."clientId", d."tenths" / 10.0 AS seconds, d."runs" FROM scope s
          JOIN "RunTextDay" d ON d."clientId" = s.id AND d."day" BETWEEN s.first_day AND s.today
      ) h GROUP BY GROUPING SETS ((h."clientId", h.seconds), (h.seconds))
    ), text_cum AS (
      SELECT t."clientId", t.seconds, sum(t.n) OVER w AS cum, sum(t.n) OVER (PARTITION BY t."clientId") AS total
        FROM text_hist t WHERE t.seconds >= 0 AND t.n > 0
      WINDOW w AS (PARTITION BY t."clientId" ORDER BY t.seconds)
    ), run_counts AS (
      -- percentile_cont(0.5) over the histogram: the mean of the two middle values (0-based k = ⌊(N-1)/2⌋, ⌈(N-1)/2⌉).
      SELECT t."clientId", sum(t.n) AS texted,
             (SELECT (min(c.seconds) FILTER (WHERE c.cum > floor((c.total - 1) / 2.0)) + min(c.seconds) FILTER (WHERE c.cum > ceil((c.total - 1) / 2.0))) / 2
                FROM text_cum c WHERE c."clientId" IS NOT DISTINCT FROM t."clientId") AS median_seconds
        FROM text_hist t GROUP BY t."clientId"
    ), activity AS MATERIALIZED (
      -- Missed calls and outbound texts per client and local day, from the ActivityDay rollup the triggers keep.
      SELECT a."clientId", a."day", a."missed", a."texts" FROM scope s
        JOIN "ActivityDay" a ON a."clientId" = s.id AND a."day" BETWEEN s.first_day AND s.today
    ), missed AS (
      SELECT a."clientId", sum(a."missed") AS n FROM activity a GROUP BY a."clientId"
    ), per_client AS (
      SELECT s.id AS "clientId",
        coalesce((SELECT mi.n FROM missed mi WHERE mi."clientId" = s.id), 0) AS missed,
        -- Replies per run come from the rollup the triggers keep (a scan of RunStep would cost seconds).
        (SELECT coalesce(sum(b."replied"), 0) FROM "RunBranchDay" b
          WHERE b."clientId" = s.id AND b."day" BETWEEN s.first_day AND s.today AND b."nodeId" = '' AND b."handle" = '') AS replied,
        (SELECT count(*) FROM "Lead" l JOIN runs r ON r."id" = l."runId" WHERE l."clientId" = s.id) AS leads,
        (SELECT count(*) FROM "Appointment" a JOIN runs r ON r."id" = a."runId" WHERE a."clientId" = s.id AND a."status" = 'booked') AS booked,
        -- Within the predicate of the partial index Message_failed_unresolved (those statuses are outbound only).
        -- Texts blocked because the contact opted out are not failures to deal with: not counted.
        (SELECT count(*) FROM "Message" m WHERE m."clientId" = s.id AND m."status" IN ('failed','undelivered') AND m."resolvedAt" IS NULL) AS failed
      FROM scope s
    ), totals AS (
      SELECT p."clientId", p.missed, p.replied, p.leads, p.booked, p.failed FROM per_client p
      UNION ALL
      SELECT NULL, sum(p.missed), sum(p.replied), sum(p.leads), sum(p.booked), sum(p.failed) FROM per_client p
    ), days AS (
      SELECT generate_series(min(s.first_day), max(s.today), interval '1 day')::date AS day FROM scope s
    )
    SELECT
      (SELECT json_agg(json_build_object(
          'clientId', t."clientId", 'clientName', s.name, 'missed', t.missed, 'texted', coalesce(rc.texted, 0), 'replied', t.replied,
          'leads', t.leads, 'booked', t.booked, 'failed', t.failed, 'median_seconds', rc.median_seconds))
         FROM totals t
         LEFT JOIN scope s ON s.id = t."clientId"
         LEFT JOIN run_counts rc ON rc."clientId" IS NOT DISTINCT FROM t."clientId") AS funnel,
      (SELECT json_agg(json_build_object('day', d.day, 'missed', coalesce(mi.n, 0), 'texts', coalesce(tx.n, 0)) ORDER BY d.day)
         FROM days d
         LEFT JOIN (SELECT a."day", sum(a."missed") AS n FROM activity a GROUP BY a."day") mi ON mi.day = d.day
         LEFT JOIN (SELECT a."day", sum(a."texts") AS n FROM activity a GROUP BY a."day") tx ON tx.day = d.day) AS daily`;
  const funnel = row.funnel.map((r) => ({
    clientId: r.clientId,
    clientName: r.clientName ?? "",
    missed: n(r.missed),
    texted: n(r.texted),
    replied: n(r.replied),
    leads: n(r.leads),
    booked: n(r.booked),
    failedSends: n(r.failed),
    medianSeconds: r.median_seconds === null ? null : Number(r.median_seconds),
  }));
  return { funnel, daily: row.daily.map((d) => ({ day: d.day, missed: n(d.missed), texts: n(d.texts) })) };
}
