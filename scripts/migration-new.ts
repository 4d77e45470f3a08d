// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema.prisma
// of a git revision (default HEAD; "empty" for none) to the working copy's. The SQL comes from
// Prisma's own schema engine (its WebAssembly build on npm), so it is what `prisma migrate dev` writes.
//   npm run db:migration:new -- add_tags [--from <git-rev>|empty]
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { databaseUrl } from "./database-url";
import { diffSchemas } from "./schema-engine";

const [name, flag, rev = "HEAD"] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name) || (flag && flag !== "--from")) {
  console.error("Usage: npm run db:migration:new -- <name_in_snake_case> [--from <git-rev>|empty]");
  process.exit(1);
}
function serverUrl() {
  const url = new URL(databaseUrl());
  url.pathname = "/postgres"; // any database that exists: the diff only reads the server version
  return url.toString();
}
const from = rev === "empty" ? null : execFileSync("git", ["show", `${rev}:prisma/schema.prisma`], { encoding: "utf8" });
const sql = await diffSchemas(from, await readFile("prisma/schema.prisma", "utf8"), serverUrl());
if (!sql.trim() || /empty migration/i.test(sql)) {
  console.log("Nothing changed in schema.prisma: no migration written.");
} else {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join("prisma/migrations", `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql — review it, add what Prisma cannot express (partial indexes), commit it.`);
}
