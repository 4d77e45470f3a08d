import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrator";
import { databaseUrlFor, quoteIdent, withAdmin } from "./test-database";

// A fresh, migrated template database for this run; workers clone it (CREATE DATABASE ... TEMPLATE),
// which takes milliseconds, so every worker has a database of its own.
export default async function setup(project: TestProject) {
  const template = `ringback_test_tpl_${process.pid}`;
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(template)}`);
  });
  await migrate({ databaseUrl: databaseUrlFor(template) });
  project.provide("templateDatabase", template);
  return async () => {
    await withAdmin(async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [template, `${template}_w%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
