import { db } from "../db/client";
import { dashboardScope, type DashboardWindow } from "./dashboard-scope";

/** One client's figures over its own last `days` calendar days, for the clients page's cards. */
export interface ClientActivity {
  clientId: string;
  missed: number;
  texts: number;
  /** Runs (one per missed call) whose caller got a first text, and those whose caller replied. */
  texted: number;
  replied: number;
  /** Failed or undelivered texts nobody has resolved yet, whenever they failed (texts blocked by an opt-out are not counted). */
  failedToResolve: number;
  lastMissedCallAt: Date | null;
}

/**
 * The clients page's figures per client, in one statement that costs the same at a thousand runs or a
 * million: missed calls and texts from ActivityDay, texted from RunTextDay and replied from
 * RunBranchDay (the rollups the database triggers keep per client and local day, as the dashboard reads
 * them), failures from the Message_failed_to_resolve index, and the last missed call from the newest
 * end of the (clientId, createdAt, missed) index.
 */
export async function clientActivity(w: DashboardWindow): Promise<ClientActivity[]> {
  if (w.clientIds.length === 0) return [];
  const rows = await db.$queryRaw<{ clientId: string; missed: bigint; texts: bigint; texted: bigint; replied: bigint; failed: bigint; last_missed: Date | null }[]>`
    WITH ${dashboardScope(w)}
    SELECT s.id AS "clientId",
      (SELECT coalesce(sum(a."missed"), 0) FROM "ActivityDay" a WHERE a."clientId" = s.id AND a."day" BETWEEN s.first_day AND s.today) AS missed,
      (SELECT coalesce(sum(a."texts"), 0) FROM "ActivityDay" a WHERE a."clientId" = s.id AND a."day" BETWEEN s.first_day AND s.today) AS texts,
      (SELECT coalesce(sum(d."runs"), 0) FROM "RunTextDay" d WHERE d."clientId" = s.id AND d."day" BETWEEN s.first_day AND s.today) AS texted,
      (SELECT coalesce(sum(b."replied"), 0) FROM "RunBranchDay" b
        WHERE b."clientId" = s.id AND b."day" BETWEEN s.first_day AND s.today AND b."nodeId" = '' AND b."handle" = '') AS replied,
      (SELECT count(*) FROM "Message" m WHERE m."clientId" = s.id AND m."status" IN ('failed', 'undelivered') AND m."resolvedAt" IS NULL) AS failed,
      (SELECT c."createdAt" FROM "Call" c WHERE c."clientId" = s.id AND c."missed" ORDER BY c."createdAt" DESC LIMIT 1) AS last_missed
    FROM scope s`;
  return rows.map((r) => ({
    clientId: r.clientId,
    missed: Number(r.missed),
    texts: Number(r.texts),
    texted: Number(r.texted),
    replied: Number(r.replied),
    failedToResolve: Number(r.failed),
    lastMissedCallAt: r.last_missed,
  }));
}
