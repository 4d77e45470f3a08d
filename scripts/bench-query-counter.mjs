// Preloaded into the app process by `npm run bench` (node --import): counts every statement the
// app sends to PostgreSQL through `pg` (Prisma's adapter uses it), by verb and table, and writes the
// counts to BENCH_QUERY_COUNT_FILE twice a second, so the benchmark can print round trips per call.
import { appendFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

// The CommonJS `pg` the app loads (Next.js keeps it external), not an ESM copy of it.
const pg = createRequire(import.meta.url)("pg");

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  const counts = new Map();
  let total = 0;
  const keyOf = (text) => {
    const flat = String(text).replace(/\s+/g, " ").trim();
    const verb = (flat.match(/^\w+/) ?? ["?"])[0].toUpperCase();
    const table = flat.match(/(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"(\w+)"/i);
    return table ? `${verb} ${table[1]}` : flat.slice(0, 40);
  };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    total++;
    const key = keyOf(typeof config === "string" ? config : config && config.text);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    // BENCH_QUERY_LOG_FILE: every statement, for reading one call's round trips in order.
    if (process.env.BENCH_QUERY_LOG_FILE) appendFileSync(process.env.BENCH_QUERY_LOG_FILE, `${String(typeof config === "string" ? config : config && config.text).replace(/\s+/g, " ").slice(0, 160)}\n`);
    return original.call(this, config, ...rest);
  };
  // Temp file + rename: the benchmark never reads a half-written file.
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ total, byStatement: Object.fromEntries(counts) }));
    renameSync(`${file}.tmp`, file);
  };
  setInterval(write, 500).unref();
  process.on("exit", write);
}
