// npm run bench — signed missed-call webhooks fired at the running app at set rates, measured from
// the dial-result webhook's arrival to the fake Twilio receiving the text. By default the parts run
// as in production, each in its own process: the built app under `next start` (the script runs
// `next build` when the build is missing or older than app/ and server/), the local Inngest engine,
// the fake Twilio, and this process as the load generator. `--in-process` (BENCH_MODE=in-process)
// runs the old single-process harness instead, for comparison.
//
// Prints, per rate: webhook → text p50/p95/p99, webhook response p50/p99, non-2xx answers, lost and
// duplicate texts, serve-handler calls and database statements per call; the highest rate with
// zero lost and zero duplicate texts; a bare signed-webhook baseline and the ratio to it.
// Uses its own database, ringback_bench.
//
//   BENCH_RATES=25,50,100,200,250   calls per second, one phase each
//   BENCH_SECONDS=5                 length of each phase
//   BENCH_BUILD=auto|always|never   when to run `next build`
//   BENCH_CPU_PROF=<dir>            write CPU profiles of app, engine and fake there
//   BENCH_STATUS_DELAY_MS=300       fake Twilio's delay between status callbacks
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runBaseline, runPhase, type PhaseResult } from "./bench-load";
import { ensureBuilt, ensurePrismaClient, startInProcessStack, startSeparateStack, type BenchStack } from "./bench-stack";

const inProcess = process.argv.includes("--in-process") || process.env.BENCH_MODE === "in-process";
const RATES = (process.env.BENCH_RATES ?? "5,10,25,50,100,250").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DRAIN_MS = 15_000;
if (RATES.some((r) => !(r > 0)) || !(SECONDS > 0)) {
  console.error("BENCH_RATES must be positive numbers separated by commas (e.g. 25,50,100) and BENCH_SECONDS a positive number.");
  process.exit(1);
}

ensurePrismaClient();
const dbUrl = "postgresql://postgres@127.0.0.1:5432/ringback_bench";
const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ringback_bench WITH (FORCE)`);
await admin.query(`CREATE DATABASE ringback_bench`);
await admin.end();
process.env.DATABASE_URL = dbUrl;
const { migrate } = await import("../server/db/migrator");
await migrate({ databaseUrl: dbUrl });

if (!inProcess) ensureBuilt(process.env.BENCH_BUILD ?? "auto");
const cpuProfileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
const stack: BenchStack = inProcess
  ? await startInProcessStack()
  : await startSeparateStack({
      databaseUrl: dbUrl,
      statusDelayMs: Number(process.env.BENCH_STATUS_DELAY_MS ?? 300),
      cpuProfileDir,
      queryCountFile: path.join(os.tmpdir(), `ringback-bench-queries-${process.pid}.json`),
    });
// Set after the in-process harness chose its URLs: server/env.ts must see them when it loads.
process.env.PUBLIC_BASE_URL ??= stack.appUrl;

const { createTenants } = await import("../server/testing/tenants");
const { db } = await import("../server/db/client");
const t = await createTenants();
const clientId = t.clients.greenfield.id;
const business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Text back every missed call", starter: "text-back" });
await t.callers.owner.flows.publish({ clientId, flowId, note: null });

// Warm up: the first requests to `next start` load route modules and open database connections.
await runBaseline(stack, business, 30);
await runPhase(stack, business, 10, 1, DRAIN_MS);
const bare = await runBaseline(stack, business);
const loadBefore = os.loadavg();
const results: PhaseResult[] = [];
for (const rate of RATES) {
  const r = await runPhase(stack, business, rate, SECONDS, DRAIN_MS);
  results.push(r);
  console.log(`  ${rate}/s: p99 ${fmt(r.p99)} ms, webhook p99 ${fmt(r.hookP99)} ms, lost ${r.lost}, dup ${r.dup} (load ${os.loadavg()[0].toFixed(2)})`);
}
const loadAfter = os.loadavg();

function fmt(n: number) {
  return Number.isNaN(n) ? "–" : n.toFixed(0);
}

console.log(`\nRingback benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`mode: ${stack.label}`);
console.log(`flow "Text back every missed call"; ${SECONDS} s per rate; latency = dial-result webhook sent → fake Twilio receives the text request`);
console.log(`machine load (1-min average) before ${loadBefore[0].toFixed(2)}, after ${loadAfter[0].toFixed(2)}\n`);
console.log("| calls/s | calls | webhook→text p50 ms | p95 ms | p99 ms | webhook resp p50 ms | p99 ms | non-2xx | lost | dup | last text after last call s | serve-handler calls/run | DB statements/call | CPU ms/call |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const offered = r.achieved < r.rate * 0.95 ? ` (sent ${r.achieved.toFixed(0)}/s)` : "";
  console.log(
    `| ${r.rate}${offered} | ${r.calls} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.hookP50)} | ${fmt(r.hookP99)} | ${r.errors} | ${r.lost} | ${r.dup} | ${(r.drainedMs / 1000).toFixed(1)} | ${r.serveCallsPerRun.toFixed(1)} | ${r.queriesPerCall === null ? "–" : r.queriesPerCall.toFixed(1)} | ${fmt(Object.values(r.cpuPerCall).reduce((a, b) => a + b, 0))} |`,
  );
}
for (const r of results.filter((r) => r.errors)) {
  console.log(`at ${r.rate}/s ${r.errors} webhook answers were not 2xx (${Object.entries(r.errorStatuses).map(([k, n]) => `${k}: ${n}`).join(", ")}); Twilio retries those, so a call whose webhooks failed is "lost" here only because the benchmark does not retry`);
}
const clean = results.filter((r) => r.lost === 0 && r.dup === 0 && r.errors === 0 && r.achieved >= r.rate * 0.95);
const kept = clean.filter((r) => r.drainedMs <= 2_000);
const best = (rs: PhaseResult[]) => (rs.length ? `${Math.max(...rs.map((r) => r.rate))} calls/s` : "none of the rates tried");
console.log(`\nhighest sustained rate (zero lost, zero duplicate, every webhook 2xx, and the texts kept up: the last one within 2 s of the last call): ${best(kept)}`);
console.log(`highest rate with zero lost and zero duplicate texts, however late: ${best(clean)}`);
console.log(`highest rate with webhook→text p99 ≤ 500 ms: ${best(clean.filter((r) => r.p99 <= 500))}`);
console.log(`bare signed webhook that stores a row (one at a time): p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms; CPU ms per request: ${Object.entries(bare.cpuPerCall).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(" · ")}`);
for (const r of results) console.log(`  at ${r.rate}/s missed-call webhook / bare webhook: p50 ${(r.hookP50 / bare.p50).toFixed(1)}×, p99 ${(r.hookP99 / bare.p99).toFixed(1)}×`);
console.log(`\nCPU ms per missed call (whole phase incl. status callbacks): ${results.map((r) => `${r.rate}/s ${Object.entries(r.cpuPerCall).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(" · ")}`).join("; ")}`);
const sample = results.find((r) => r.topQueries.length);
if (sample) console.log(`\nDB statements per call at ${sample.rate}/s: ${sample.topQueries.map(([k, n]) => `${k} ${n.toFixed(1)}`).join(", ")}`);
if (cpuProfileDir) console.log(`\nCPU profiles in ${cpuProfileDir} (open in Chrome DevTools → Performance, or speedscope).`);

await stack.close();
await db.$disconnect();
process.exit(0);
