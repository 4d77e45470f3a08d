import { Prisma } from "../db/generated/client";

/** Which clients a dashboard covers, over how many of their calendar days, as of when. */
export interface DashboardWindow {
  clientIds: string[];
  days: number;
  now: Date;
}

/**
 * The `scope` CTE every dashboard query starts from: one row per client with its timezone, the first
 * local day of the window and today (local dates), and `since`, the UTC instant the window opens
 * (local midnight `days - 1` days ago) and `until`, the UTC instant it closes (local midnight tonight).
 * Timestamps are stored as UTC `timestamp(3)`, hence the double AT TIME ZONE.
 */
export function dashboardScope(w: DashboardWindow) {
  const ids = Prisma.join(w.clientIds.length ? w.clientIds : ["-"]);
  return Prisma.sql`scope AS MATERIALIZED (
    SELECT z.id, z.name, z.timezone, z.today, z.first_day,
           (z.first_day::timestamp AT TIME ZONE z.timezone) AT TIME ZONE 'UTC' AS since,
           ((z.today + 1)::timestamp AT TIME ZONE z.timezone) AT TIME ZONE 'UTC' AS until
      FROM (
        SELECT cl.id, cl.name, cl.timezone,
               (${w.now.toISOString()}::timestamptz AT TIME ZONE cl.timezone)::date AS today,
               (${w.now.toISOString()}::timestamptz AT TIME ZONE cl.timezone)::date - ${w.days - 1}::int AS first_day
          FROM "Client" cl WHERE cl.id IN (${ids})
      ) z
  )`;
}

/**
 * `column IN (the client ids)`: repeating the scope as a literal list next to the join lets the planner
 * use the column's statistics (through the CTE it guesses a few hundred rows, and picks sorts and merge
 * joins for what are tens of thousands).
 */
export function inScope(column: Prisma.Sql, w: DashboardWindow) {
  return Prisma.sql`${column} IN (${Prisma.join(w.clientIds.length ? w.clientIds : ["-"])})`;
}
