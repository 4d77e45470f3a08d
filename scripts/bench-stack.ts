// The parts `npm run bench` measures, started the way production runs them: the built app under
// `next start` (one process, or N behind a round-robin balancer as a load balancer would spread
// them), the local Inngest engine and the fake Twilio, each in its own Node process. The
// benchmark's own process only fires webhooks and reads results. `startInProcessStack` is the old
// single-process harness (app handlers, engine and fake inside the load generator), kept to show
// what sharing one event loop costs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";

export interface BenchStack {
  label: string;
  appUrl: string;
  fakeUrl: string;
  /** Calls the engine has made to the app's serve handler (/api/inngest) so far. */
  serveCalls(): Promise<number>;
  /** CPU time (user + system, ms) each process has used so far, the load generator's included. */
  cpuMs(): Promise<Record<string, number>>;
  /** Statements the app sent to PostgreSQL so far, when counted (separate processes only). */
  queryCounts(): { total: number; byStatement: Record<string, number> } | null;
  close(): Promise<void>;
}

export interface StackOptions {
  databaseUrl: string;
  /** Delay between the fake's status callbacks (sent, delivered), as Twilio posts them. */
  statusDelayMs: number;
  /** Write V8 CPU profiles of every process into this directory, one subdirectory each. */
  cpuProfileDir?: string;
  queryCountFile: string;
  /** `next start` processes, each on its own port; more than one sit behind a round-robin balancer. */
  appInstances: number;
}

const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Not part of the Next.js build: the engine, test helpers and tests.
    if (entry.name.startsWith(".") || ["node_modules", "local-inngest", "testing"].includes(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A fresh clone has no generated Prisma client until `npm run db:generate`: make it first. */
export function ensurePrismaClient() {
  if (existsSync(path.join(root, "server/db/generated/client.ts"))) return;
  console.log("no generated Prisma client yet: running `npm run db:generate` first…");
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/prisma-generate.ts")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`npm run db:generate` failed (output above); the benchmark needs the Prisma client.");
}

/**
 * `next start` needs `next build`. Builds when there is no build or app/ or server/ changed since
 * (BENCH_BUILD=always forces it, BENCH_BUILD=never refuses to build and says so).
 */
export function ensureBuilt(mode: string) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const stale = !built || Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "server"))) > built;
  if (mode === "never") {
    if (!built) throw new Error("There is no production build (.next/BUILD_ID). Run `npm run build` first, or drop BENCH_BUILD=never.");
    if (stale) console.warn("warning: app/ or server/ changed since the last `next build`; measuring the older build (BENCH_BUILD=never).");
    return;
  }
  if (mode !== "always" && !stale) return;
  console.log(built ? "app/ or server/ changed since the last build: running `next build` first…" : "no production build yet: running `next build` first (takes a few minutes)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("`next build` failed (output above); the benchmark measures the production build, so it needs one.");
}

function start(name: string, args: string[], env: Record<string, string | undefined>, profileDir?: string): ChildProcess {
  // A directory per process and Node's own file names (pid and thread id in them): a process with
  // a loader thread (tsx) writes one profile per thread, and a fixed name let the idle loader
  // thread's profile overwrite the main thread's.
  if (profileDir) mkdirSync(path.join(profileDir, name), { recursive: true });
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split("\n").filter(Boolean).map((line) => `[${name}] ${line}`));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    if (!(child as { stopping?: boolean }).stopping) {
      console.error(`${name} exited unexpectedly (${signal ?? code}). Its last output:\n${tail.join("\n")}`);
      process.exit(1);
    }
  });
  return child;
}

/** utime + stime of a process from /proc, in ms (Linux; 0 elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU of the PostgreSQL backends serving the benchmark database (the app's pools keep them open).
 * A backend that closed (pg closes idle connections after 10 s) keeps its last reading, so the sum
 * never goes backwards; the stack reads them twice a second, so a backend opened and closed within
 * a phase is counted too, short of what it used after the last reading.
 */
const backendCpu = new Map<number, number>();
async function postgresCpuMs(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    for (const { pid } of rows) backendCpu.set(pid, Math.max(backendCpu.get(pid) ?? 0, processCpuMs(pid)));
    return [...backendCpu.values()].reduce((sum, ms) => sum + ms, 0);
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

async function stop(child: ChildProcess) {
  (child as { stopping?: boolean }).stopping = true;
  if (child.exitCode !== null) return;
  // SIGINT lets Node write its --cpu-prof profile; the engine and fake also stop cleanly on it.
  child.kill("SIGINT");
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** This process's own CPU time (the load generator), in ms. */
export function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function startSeparateStack(options: StackOptions): Promise<BenchStack> {
  const appPorts = await Promise.all(Array.from({ length: options.appInstances }, () => freePort()));
  const [enginePort, fakePort] = [await freePort(), await freePort()];
  const instanceUrls = appPorts.map((p) => `http://127.0.0.1:${p}`);
  const balancerPort = options.appInstances > 1 ? await freePort() : undefined;
  // What Twilio, the engine and the load generator call: the only instance, or the balancer.
  const appUrl = balancerPort ? `http://127.0.0.1:${balancerPort}` : instanceUrls[0];
  const engineUrl = `http://127.0.0.1:${enginePort}`;
  const fakeUrl = `http://127.0.0.1:${fakePort}`;
  const tsx = ["--import", "tsx"];
  const quiet = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };

  const engine = start("engine", [...tsx, "server/doubles/inngest-server/main.ts"], {
    ...quiet,
    LOCAL_INNGEST_PORT: String(enginePort),
    LOCAL_INNGEST_APP_URL: `${appUrl}/api/inngest`,
    LOCAL_INNGEST_SYNC_INTERVAL_MS: "1000",
    LOCAL_INNGEST_QUIET: "1",
  }, options.cpuProfileDir);
  const fake = start("fake-twilio", [...tsx, "scripts/fake-twilio.ts"], {
    ...quiet,
    FAKE_TWILIO_PORT: String(fakePort),
    FAKE_TWILIO_APP_URL: appUrl,
    FAKE_TWILIO_STATUS_DELAY_MS: String(options.statusDelayMs),
  }, options.cpuProfileDir);
  const balancer = balancerPort
    ? start("balancer", [...tsx, "scripts/bench-balancer.ts"], { BALANCER_PORT: String(balancerPort), BALANCER_BACKENDS: instanceUrls.join(",") }, options.cpuProfileDir)
    : null;
  const appNames = appPorts.map((_, i) => (appPorts.length > 1 ? `app${i + 1}` : "app"));
  const apps = appPorts.map((port, i) =>
    start(appNames[i], ["--import", "./scripts/bench-query-counter.mjs", "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    ...quiet,
    DATABASE_URL: options.databaseUrl,
    PUBLIC_BASE_URL: appUrl,
    BETTER_AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    // Development doubles in a production build: refused at start-up without the explicit override.
    RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1",
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: engineUrl,
    FAKE_TWILIO_URL: fakeUrl,
    TWILIO_ACCOUNT_SID: "",
    TWILIO_AUTH_TOKEN: "",
    RINGBACK_BENCH_ROUTES: "1",
    // Each instance counts its own statements; the benchmark adds them up.
    BENCH_QUERY_COUNT_FILE: queryCountFile(options.queryCountFile, i),
  }, options.cpuProfileDir),
  );

  await waitFor("the fake Twilio", async () => (await fetch(`${fakeUrl}/_fake/health`)).ok);
  for (const url of instanceUrls) await waitFor(`the app (next start) on ${url}`, async () => (await fetch(`${url}/api/inngest`)).ok);
  await waitFor("the engine's sync with the app", async () => {
    const apps = (await (await fetch(`${engineUrl}/control/apps`)).json()) as { apps: { functions: unknown[] }[] };
    return apps.apps.some((a) => a.functions.length > 0);
  });

  const sampler = setInterval(() => void postgresCpuMs(options.databaseUrl).catch(() => undefined), 500);
  const instances = apps.length > 1 ? `${apps.length} \`next start\` app instances behind a round-robin balancer` : "`next start` app";
  return {
    label: `separate processes: ${instances}, local engine, fake Twilio, load generator`,
    appUrl,
    fakeUrl,
    serveCalls: async () => ((await (await fetch(`${engineUrl}/control/health`)).json()) as { appCalls: number }).appCalls,
    cpuMs: async () => ({
      ...Object.fromEntries(apps.map((app, i) => [appNames[i], processCpuMs(app.pid)])),
      ...(balancer ? { balancer: processCpuMs(balancer.pid) } : {}),
      engine: processCpuMs(engine.pid),
      fake: processCpuMs(fake.pid),
      postgres: await postgresCpuMs(options.databaseUrl),
      "load generator": ownCpuMs(),
    }),
    queryCounts: () => sumQueryCounts(apps.map((_, i) => queryCountFile(options.queryCountFile, i))),
    async close() {
      clearInterval(sampler);
      await Promise.all([...apps.map(stop), stop(engine), stop(fake), ...(balancer ? [stop(balancer)] : [])]);
    },
  };
}

const queryCountFile = (base: string, instance: number) => (instance === 0 ? base : base.replace(/\.json$/, `-${instance + 1}.json`));

function sumQueryCounts(files: string[]): { total: number; byStatement: Record<string, number> } | null {
  const counts = files.filter((f) => existsSync(f)).map((f) => JSON.parse(readFileSync(f, "utf8")) as { total: number; byStatement: Record<string, number> });
  if (!counts.length) return null;
  const byStatement: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c.byStatement)) byStatement[k] = (byStatement[k] ?? 0) + n;
  return { total: counts.reduce((sum, c) => sum + c.total, 0), byStatement };
}

/** Everything inside this process (the harness the integration tests use). */
export async function startInProcessStack(): Promise<BenchStack> {
  const { startAppHarness } = await import("../server/testing/app-harness");
  // Imported on first use: server/env.ts must load after the harness set PUBLIC_BASE_URL.
  const bare = async (request: Parameters<typeof import("../server/twilio/webhooks/bench-baseline").handleBareWebhook>[0]) =>
    (await import("../server/twilio/webhooks/bench-baseline")).handleBareWebhook(request);
  const h = await startAppHarness({ retryBaseMs: 200, extraRoutes: { "/api/bench/bare-webhook": bare } });
  return {
    label: "ONE process: app handlers, local engine, fake Twilio and load generator share an event loop",
    appUrl: h.appUrl,
    fakeUrl: h.twilio.url,
    serveCalls: async () => h.serveInvocations(),
    cpuMs: async () => ({ "everything (one process)": ownCpuMs() }),
    queryCounts: () => null,
    close: () => h.close(),
  };
}
