// npm run bench:pages (after npm run build) — server time and time to usable of every page of the
// built app under `next start`, p50/p95 over BENCH_VISITS (10) visits after one warm-up, as a table.
//
//   BENCH_DATABASE_URL  the database to read (default: ringback_bench_pages, made fresh with the demo data);
//                       point it at ringback_scale (npm run seed:scale) for the 1M-run numbers: the demo
//                       data is added to it and the demo agency admin is made admin of the scale agency too.
//   BENCH_PORT          the port the app listens on (3990)
//
// Server time: the page's HTML document from request to its last byte (Navigation Timing
// responseEnd − requestStart), which includes the streamed server-rendered data. Time to usable: from
// navigation start until the page shows its content (its own selector below, no "Loading…").
import { spawn } from "node:child_process";
import pg from "pg";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers } from "../prisma/demo-data";
import { migrate } from "../server/db/migrator";

const port = Number(process.env.BENCH_PORT ?? 3990);
const base = `http://127.0.0.1:${port}`;
const visits = Number(process.env.BENCH_VISITS ?? 10);
const given = process.env.BENCH_DATABASE_URL;
const url = given ?? "postgresql://postgres@127.0.0.1:5432/ringback_bench_pages";
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function sql(text: string, connectionString = url) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

if (!given) {
  const name = new URL(url).pathname.slice(1);
  await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, url.replace(/\/[^/]+$/, "/postgres"));
  await sql(`CREATE DATABASE "${name}"`, url.replace(/\/[^/]+$/, "/postgres"));
  await migrate({ databaseUrl: url });
}
const env = {
  ...process.env,
  DATABASE_URL: url,
  PUBLIC_BASE_URL: base,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SIGN_IN_PER_MINUTE: "1000",
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-only-secret-0123456789abcdef0123456789",
  INNGEST_DEV: "1",
  INNGEST_BASE_URL: "http://127.0.0.1:9",
  TWILIO_ACCOUNT_SID: "",
  TWILIO_AUTH_TOKEN: "",
  // Production refuses Inngest dev mode and the fake Twilio at start-up; this benchmark runs the built
  // app against them on purpose (pages only: no engine behind it), as the e2e server does.
  RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1",
};
await new Promise<void>((resolve, reject) =>
  spawn("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed exited with ${code}`)))),
);
// At scale, the demo admin also sees the 50 scale clients, and a scale client's pages are measured.
const scale = (await sql(`SELECT count(*)::int AS n FROM "Agency" WHERE id = 'scale_agency'`))[0].n > 0;
if (scale) {
  await sql(`INSERT INTO "Membership" (id, "userId", "agencyId", role)
    SELECT 'bench_scale_admin', u.id, 'scale_agency', 'admin' FROM "User" u WHERE u.email = '${demoUsers.agencyAdmin.email}'
    ON CONFLICT DO NOTHING`);
}
const runs = (await sql(`SELECT count(*)::int AS n FROM "FlowRun"`))[0].n as number;
const clientId = scale ? "c0" : "demo_greenfield";
const [run] = await sql(`SELECT id FROM "FlowRun" WHERE "clientId" = '${clientId}' ORDER BY "startedAt" DESC LIMIT 1`);
const [flow] = await sql(`SELECT id FROM "Flow" WHERE "clientId" = '${clientId}' AND "archivedAt" IS NULL ORDER BY "createdAt" LIMIT 1`);

// Each page with the selector that says its content is there.
const pages: { path: string; ready: string }[] = [
  { path: "/", ready: "[data-testid=client-card]" },
  { path: "/agency/dashboard", ready: "[data-testid=funnel-stage], main h2" },
  { path: "/agency/runs", ready: "[data-testid=run-row], main h2" },
  { path: "/agency/failed-sends", ready: "[data-testid=failed-send], main h2" },
  { path: `/clients/${clientId}/dashboard`, ready: "[data-testid=funnel-stage], main h2" },
  { path: `/clients/${clientId}/flows`, ready: "[data-testid=flow-row], main h2" },
  ...(flow ? [{ path: `/clients/${clientId}/flows/${flow.id}`, ready: ".react-flow__node" }] : []),
  { path: `/clients/${clientId}/runs`, ready: "[data-testid=run-row], main h2" },
  ...(run ? [{ path: `/clients/${clientId}/runs/${run.id}`, ready: "[data-testid=run-step], section[aria-label=Steps]" }] : []),
  { path: `/clients/${clientId}/failed-sends`, ready: "[data-testid=failed-send], main h2" },
  { path: `/clients/${clientId}/inbox`, ready: "ul[aria-label=Threads], main h2" },
  { path: `/clients/${clientId}/contacts`, ready: "main table, main h2" },
  { path: `/clients/${clientId}/appointments`, ready: "[data-testid=appointment], main h2" },
  { path: `/clients/${clientId}/settings`, ready: "main form" },
];

const app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"], detached: true });
// What the app says when it refuses to start (or fails) is the reason the benchmark stops.
let appErrors = "";
app.stderr?.on("data", (chunk: Buffer) => (appErrors = (appErrors + chunk.toString()).slice(-4000)));
const stop = () => {
  try {
    process.kill(-app.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stop);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/sign-in`)).ok) break;
  } catch {
    if (i > 120 || app.exitCode !== null) throw new Error(`The app did not start (did \`npm run build\` run?)${appErrors ? `; it said:\n${appErrors}` : ""}`);
  }
  await new Promise((r) => setTimeout(r, 500));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/sign-in`);
await page.getByLabel("Email").fill(demoUsers.agencyAdmin.email);
await page.getByLabel("Password").fill(DEMO_PASSWORD);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByTestId("user-name").waitFor();

async function visit(p: Page, path: string, ready: string) {
  await p.goto(`${base}${path}`, { waitUntil: "commit" });
  await p.locator(ready).first().waitFor({ state: "visible", timeout: 60_000 });
  await p.waitForFunction(() => !document.body.innerText.includes("Loading…") && !document.querySelector("[data-skeleton]"), undefined, { timeout: 60_000 });
  return p.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { server: nav.responseEnd - nav.requestStart, usable: performance.now() };
  });
}

console.log(`\n${runs.toLocaleString("en-US")} runs in ${new URL(url).pathname.slice(1)} · next start · ${visits} visits per page after a warm-up\n`);
console.log("| page | server p50 ms | server p95 ms | usable p50 ms | usable p95 ms |\n|---|---|---|---|---|");
for (const { path, ready } of pages) {
  await visit(page, path, ready);
  const server: number[] = [];
  const usable: number[] = [];
  for (let i = 0; i < visits; i++) {
    const m = await visit(page, path, ready);
    server.push(m.server);
    usable.push(m.usable);
  }
  const label = path.replace(/\/(flows|runs)\/[^/]+$/, (_, s: string) => `/${s}/[id]`);
  console.log(`| ${label} | ${pct(server, 50).toFixed(0)} | ${pct(server, 95).toFixed(0)} | ${pct(usable, 50).toFixed(0)} | ${pct(usable, 95).toFixed(0)} |`);
}
await browser.close();
stop();
process.exit(0);
