import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

// One pool and one client per process; Next.js dev reloads modules, so keep them on globalThis there.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

// Connections this process keeps at most (pg's default is 10). With several app instances, the
// sum over all of them (plus the migrator and any other client) must stay under the server's
// max_connections: see the README's "Deploying".
function poolMax(): number {
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  if (!Number.isInteger(max) || max < 1) throw new Error(`DATABASE_POOL_MAX must be a whole number ≥ 1, not ${JSON.stringify(process.env.DATABASE_POOL_MAX)}`);
  return max;
}

const pool: pg.Pool =
  globalForDb.pool ?? new pg.Pool({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback", max: poolMax() });

// An idle connection that breaks (the server restarted) is dropped by the pool and replaced on the
// next query; without a listener pg's "error" event would end the process.
if (!globalForDb.pool) pool.on("error", (error) => console.warn(`[db] an idle connection was closed: ${error.message}`));

export const db: PrismaClient = globalForDb.prisma ?? new PrismaClient({ adapter: new PrismaPg(pool) });
if (process.env.NODE_ENV !== "production") Object.assign(globalForDb, { prisma: db, pool });

// Prisma stores DateTime as `timestamp(3)` (no zone) holding UTC; pg would read it as local time.
const TIMESTAMP = 1114;
const parseUtcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A statement straight through `pg`, on the same pool as Prisma, for the per-call hot path: each
 * Prisma statement costs 0.3–0.55 ms more CPU than the same one through `pg` (query compiler, wasm,
 * result mapping). Values become parameters; never interpolate SQL text. Timestamps read as UTC
 * Dates, as Prisma reads them.
 */
export async function sqlRows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  const text = strings.reduce((query, part, i) => `${query}$${i}${part}`);
  const result = await pool.query<T & pg.QueryResultRow>({ text, values, types });
  return result.rows;
}

export type { PrismaClient };
export * from "./generated/client";
