import pg from "pg";
import { beforeAll, inject } from "vitest";
import { databaseUrlFor, quoteIdent, withAdmin } from "./test-database";

// Runs before each integration test file, in its worker, before the file's imports are evaluated,
// so server/db sees this worker's DATABASE_URL.
const template = inject("templateDatabase");
const workerDb = `${template}_w${process.env.VITEST_POOL_ID ?? "0"}`;
process.env.DATABASE_URL = databaseUrlFor(workerDb);

const g = globalThis as { __ringbackWorkerDbReady?: boolean };
if (!g.__ringbackWorkerDbReady) {
  await withAdmin(async (admin) => {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [workerDb]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quoteIdent(workerDb)} TEMPLATE ${quoteIdent(template)}`);
  });
  g.__ringbackWorkerDbReady = true;
}

/** Every file starts with empty tables (the migrations table is kept). */
beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => quoteIdent(r.tablename)).join(", ")} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
});
