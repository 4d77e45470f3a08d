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
//   BENCH_APP_INSTANCES=1           `next start` processes; more than one sit behind a round-robin balancer
//   BENCH_WARMUP_CALLS=200          missed calls (at 10/s) before the first measured phase
//   BENCH_CPU_PROF=<dir>            V8 CPU profiles of every process, in <dir>/<process>/
//   BENCH_STATUS_DELAY_MS=300       fake Twilio's delay between status callbacks
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runBaseline, runPhase, type PhaseResult } from "./bench-load";
import { ensureBuilt, ensurePrismaClient, startInProcessStack, startSeparateStack, type BenchStack } from "./bench-stack";

const inProcess = process.argv.includes("--in-process") || process.env.BENCH_MODE === "in-process";
const RATES = (process.env.BENCH_RATES ?? "5,10,25,50,100,250").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const INSTANCES = Number(process.env.BENCH_APP_INSTANCES ?? 1);
const WARMUP_CALLS = Number(process.env.BENCH_WARMUP_CALLS ?? 200);
const DRAIN_MS = 15_000;
if (RATES.some((r) => !(r > 0)) || !(SECONDS > 0)) {
  console.error("BENCH_RATES must be positive numbers separated by commas (e.g. 25,50,100) and BENCH_SECONDS a positive number.");
  process.exit(1);
}
if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || (inProcess && INSTANCES > 1)) {
  console.error(`BENCH_APP_INSTANCES must be a whole number ≥ 1 (and 1 with --in-process), not ${JSON.stringify(process.env.BENCH_APP_INSTANCES)}.`);
  process.exit(1);
}
if (!Number.isInteger(WARMUP_CALLS) || WARMUP_CALLS < 0) {
  console.error(`BENCH_WARMUP_CALLS must be a whole number ≥ 0, not ${JSON.stringify(process.env.BENCH_WARMUP_CALLS)}.`);
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
// The load generator profiles itself (its children get --cpu-prof), into a directory of its own too.
const profiler = cpuProfileDir ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const stack: BenchStack = inProcess
  ? await startInProcessStack()
  : await startSeparateStack({
      databaseUrl: dbUrl,
      statusDelayMs: Number(process.env.BENCH_STATUS_DELAY_MS ?? 300),
      cpuProfileDir,
      appInstances: INSTANCES,
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

// Warm up: the first requests to `next start` load route modules, open database connections and
// let V8 optimise the hot paths; a cold app costs several times the CPU per call of a warm one.
console.log(`warming up: ${WARMUP_CALLS} missed calls at 10/s…`);
if (WARMUP_CALLS) await runPhase(stack, business, 10, WARMUP_CALLS / 10, DRAIN_MS);
// The bare route warm and under concurrency, as the missed-call phases run it.
const bare = await runBaseline(stack, business, { requests: 1000, concurrency: 8, warm: 200 });
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
const total = (cpu: Record<string, number>, only?: RegExp) => Object.entries(cpu).reduce((sum, [k, v]) => (!only || only.test(k) ? sum + v : sum), 0);
const appCpu = (cpu: Record<string, number>) => total(cpu, /^app\d*$/);
/** The system under test: everything but the load generator. */
const stackCpu = (cpu: Record<string, number>) => total(cpu, /^(?!load generator$)/);
const callsPerAppSecond = (cpu: Record<string, number>) => (appCpu(cpu) > 0 ? fmt(1000 / appCpu(cpu)) : "–");
const perProcess = (cpu: Record<string, number>) => Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(" · ");
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

console.log(`\nRingback benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`mode: ${stack.label}`);
console.log(`flow "Text back every missed call"; ${SECONDS} s per rate; latency = dial-result webhook sent → fake Twilio receives the text request`);
console.log(`app instances: ${INSTANCES}; warm-up: ${WARMUP_CALLS} missed calls before the first measured phase`);
console.log(`machine load average (1 / 5 / 15 min) before the phases ${loads(loadBefore)}, after ${loads(loadAfter)}\n`);
console.log("| calls/s | calls | webhook→text p50 ms | p95 ms | p99 ms | webhook resp p50 ms | p99 ms | non-2xx | lost | dup | last text after last call s | serve-handler calls/run | DB statements/call | app CPU ms/call | calls per app-CPU-s | stack CPU ms/call (all but the load generator) |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const offered = r.achieved < r.rate * 0.95 ? ` (sent ${r.achieved.toFixed(0)}/s)` : "";
  console.log(
    `| ${r.rate}${offered} | ${r.calls} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.hookP50)} | ${fmt(r.hookP99)} | ${r.errors} | ${r.lost} | ${r.dup} | ${(r.drainedMs / 1000).toFixed(1)} | ${r.serveCallsPerRun.toFixed(1)} | ${r.queriesPerCall === null ? "–" : r.queriesPerCall.toFixed(1)} | ${appCpu(r.cpuPerCall).toFixed(1)} | ${callsPerAppSecond(r.cpuPerCall)} | ${fmt(stackCpu(r.cpuPerCall))} |`,
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
console.log(`bare signed webhook that stores a row (warm, 8 in flight, ${bare.perSecond.toFixed(0)} requests/s): p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms; CPU ms per request: ${perProcess(bare.cpuPerCall)}`);
for (const r of results) console.log(`  at ${r.rate}/s missed-call webhook / bare webhook: p50 ${(r.hookP50 / bare.p50).toFixed(1)}×, p99 ${(r.hookP99 / bare.p99).toFixed(1)}×`);
console.log(`\nCPU ms per missed call, per process (whole phase incl. status callbacks; "load generator" is this process):`);
for (const r of results) console.log(`  ${r.rate}/s: ${perProcess(r.cpuPerCall)}`);
const sample = results.find((r) => r.topQueries.length);
if (sample) console.log(`\nDB statements per call at ${sample.rate}/s: ${sample.topQueries.map(([k, n]) => `${k} ${n.toFixed(1)}`).join(", ")}`);
if (cpuProfileDir && profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  mkdirSync(path.join(cpuProfileDir, "load-generator"), { recursive: true });
  writeFileSync(path.join(cpuProfileDir, "load-generator", `CPU.${process.pid}.cpuprofile`), JSON.stringify(profile));
  console.log(`\nCPU profiles in ${cpuProfileDir}/<process>/ (open in Chrome DevTools → Performance, or speedscope).`);
}

await stack.close();
await db.$disconnect();
process.exit(0);
