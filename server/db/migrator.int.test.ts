import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrlFor, quoteIdent, withAdmin } from "../testing/test-database";
import { listMigrations, migrate } from "./migrator";

const name = `ringback_migrator_${process.pid}`;
const url = databaseUrlFor(name);

afterAll(() => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)));

describe("migrator", () => {
  it("applies every migration to an empty database once, and a second run applies nothing", async () => {
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)}`));
    const all = (await listMigrations()).map((m) => m.name);
    expect(await migrate({ databaseUrl: url })).toEqual({ applied: all, alreadyApplied: [] });
    expect(await migrate({ databaseUrl: url })).toEqual({ applied: [], alreadyApplied: all });
  });

  it("refuses to go on after a migration that failed, and says how to recover", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '99999999999999_broken')`);
    await client.end();
    await expect(migrate({ databaseUrl: url })).rejects.toThrow(/99999999999999_broken failed earlier.*delete its row/);
  });
});
