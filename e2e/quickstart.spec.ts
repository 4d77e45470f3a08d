import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demoClients, demoUsers } from "../prisma/demo-data";
import { E2E_PORT } from "./fixtures/env";

// The quick start on a machine without PostgreSQL: `npm run dev` on the embedded database
// (EMBEDDED_POSTGRES=1 stands in for "nothing answers on 5432", which is not true here;
// scripts/dev-database.test.ts covers that decision), on ports and a data directory of its own, from
// a new data directory to a texted call; stopped (as Ctrl-C does) while the run waits for the reply
// and started again on the same data directory; then the reply, its answer and the run history in
// the browser.
const ports = { app: E2E_PORT + 50, engine: E2E_PORT + 60, twilio: E2E_PORT + 70, postgres: E2E_PORT + 80, mailSmtp: E2E_PORT + 85, mailHttp: E2E_PORT + 86 };
// `npm run dev`'s defaults: the stack under test must use none of them (a developer's own
// `npm run dev` may hold them while `npm test` runs). Those that are free are held during the run.
const defaultPorts = [3000, 8288, 4010, 5499, 2525, 2580];
const appUrl = `http://localhost:${ports.app}`;
const twilioUrl = `http://127.0.0.1:${ports.twilio}`;
const caller = "+13125550688";
const business = "+13125550100";

let dev: ChildProcess | undefined;
let dataDir: string;
let output = "";
const held: net.Server[] = [];

test.use({ baseURL: appUrl });

/** Starts `npm run dev`'s script in a process group of its own and waits until the engine has synced the app. */
async function startDev() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    EMBEDDED_POSTGRES: "1",
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    DEV_DATA_DIR: dataDir,
    PORT: String(ports.app),
    INNGEST_BASE_URL: `http://127.0.0.1:${ports.engine}`,
    FAKE_TWILIO_URL: twilioUrl,
    DEV_MAILBOX_SMTP_PORT: String(ports.mailSmtp),
    DEV_MAILBOX_HTTP_PORT: String(ports.mailHttp),
    PUBLIC_BASE_URL: appUrl,
    TWILIO_ACCOUNT_SID: "",
    TWILIO_AUTH_TOKEN: "",
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  output = "";
  // What `npm run dev` runs, in a process group of its own, so it can be stopped as with Ctrl-C.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  dev = child;
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(() => (child.exitCode === null ? /synced http:\S+\/api\/inngest/.test(output) : `npm run dev exited:\n${output}`), { timeout: 270_000, intervals: [1000] })
    .toBe(true);
}

/** Ctrl-C: SIGINT to the group; resolves with the exit code, or null if it did not exit within 30 s. */
async function stopDev(): Promise<number | null> {
  const child = dev;
  dev = undefined;
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  process.kill(-child.pid!, "SIGINT");
  return Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))]);
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  for (const port of defaultPorts) {
    const server = net.createServer((socket) => socket.destroy());
    const free = await new Promise<boolean>((resolve) => server.once("error", () => resolve(false)).listen(port, "127.0.0.1", () => resolve(true)));
    if (free) held.push(server);
  }
  dataDir = mkdtempSync(path.join(tmpdir(), "ringback-quickstart-"));
  await startDev();
});

test.afterAll(async () => {
  await stopDev();
  for (const server of held) server.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function fake<T>(route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${twilioUrl}${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const textsToCaller = async () =>
  (await fake<{ messages: { body: string; direction: string }[] }>(`/_fake/messages?to=${encodeURIComponent(caller)}`)).messages
    .filter((m) => m.direction === "outbound-api")
    .map((m) => m.body);

type EngineRun = { id: string; state: string; steps: { name: string; status: string }[] };
/** The caller's run as the local engine holds it. */
async function engineRun(): Promise<EngineRun | undefined> {
  const engine = `http://127.0.0.1:${ports.engine}`;
  const { runs } = (await (await fetch(`${engine}/control/runs?event=flow/run.start`)).json()) as { runs: { id: string }[] };
  if (runs.length !== 1) return undefined;
  return (await (await fetch(`${engine}/control/runs/${runs[0]!.id}`)).json()) as EngineRun;
}

test("npm run dev on the embedded database: a missed call is texted, the reply answered, the run history shown", async ({ page }) => {
  // Minutes, not seconds: on a busy 2-core machine `next dev` takes a minute or more per new page.
  test.setTimeout(900_000);
  // The one line about the database: which, why, and how to switch to a real one.
  expect(output).toContain(`Database: embedded PostgreSQL (PGlite) in ${path.join(dataDir, "pglite")} on postgresql://postgres@127.0.0.1:${ports.postgres}/postgres, because EMBEDDED_POSTGRES=1; for a real one, unset EMBEDDED_POSTGRES`);
  expect(output).toContain("initialising a new data directory");
  expect(output).toMatch(/[1-9]\d* migration\(s\) applied, 0 already in place/);
  expect(output).toMatch(/Seeded \d+ clients/);
  expect(output).toContain(`dev mailbox: SMTP smtp://127.0.0.1:${ports.mailSmtp}`);

  await fake("/_fake/calls", { from: caller, to: business, outcome: "no-answer" });
  await expect.poll(textsToCaller, { timeout: 60_000 }).toEqual([expect.stringContaining("Thanks for calling Greenfield Plumbing")]);
  // The run now waits for the reply, held by the engine (its inbox read, so a reply resumes the wait).
  await expect
    .poll(async () => {
      const run = await engineRun();
      return run?.state === "waiting" && run.steps.some((s) => s.name.startsWith("inbox:waitForReply") && s.status === "completed");
    }, { timeout: 60_000 })
    .toBe(true);

  // Ctrl-C: everything it started stops, and nothing is left on its ports.
  expect(await stopDev(), `npm run dev did not exit 0 on SIGINT:\n${output}`).toBe(0);
  const stack = [ports.app, ports.engine, ports.twilio, ports.postgres, ports.mailSmtp, ports.mailHttp];
  expect((await Promise.all(stack.map(async (port) => ((await answers(port)) ? port : null)))).filter(Boolean)).toEqual([]);
  expect(output).not.toMatch(/\[(postgres|inngest)\] exited with (?!0;)/);

  // Started again on the same data directory: the database, the demo data and the waiting run are all still there.
  await startDev();
  // `next dev` compiles each page on its first request, minutes apiece on a busy 2-core machine:
  // start compiling the pages the browser visits below now, while the reply is handled.
  const runs = `${appUrl}/clients/${demoClients.greenfield.id}/runs`;
  const warming = Promise.allSettled([`${appUrl}/sign-in`, runs, `${runs}/run_warm-up`].map((url) => fetch(url, { redirect: "manual" })));
  expect(output).not.toContain("initialising a new data directory");
  expect(output).toMatch(/0 migration\(s\) applied, [1-9]\d* already in place/);
  expect(await engineRun()).toMatchObject({ state: "waiting" });
  await fake("/_fake/sms", { from: caller, to: business, body: "EMERGENCY the boiler is leaking" });
  await expect.poll(async () => (await textsToCaller()).at(-1), { timeout: 60_000 }).toContain("will call you within minutes");

  // `next dev` compiles each page on its first request: every wait allows for it.
  await warming;
  const compiling = { timeout: 240_000 };
  await page.goto("/sign-in", compiling);
  // Before React has hydrated the form, a click submits it natively (a GET to /sign-in); wait for
  // React's props on the form element, which appear when it hydrates.
  await page.waitForFunction(() => Object.keys(document.querySelector("form") ?? {}).some((key) => key.startsWith("__reactProps")), null, compiling);
  await page.getByLabel("Email").fill(demoUsers.greenfieldOps.email, compiling);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-name")).toHaveText(demoUsers.greenfieldOps.name, compiling);
  await page.getByRole("link", { name: "Runs" }).click();
  await page.getByLabel("Caller", { exact: true }).fill("5550688", compiling);
  await page.getByTestId("run-row").first().getByRole("link").nth(1).click(compiling);
  await expect(page.getByTestId("path-step").filter({ hasText: "Emergency?" })).toContainText("Match", compiling);
  await expect(page.getByTestId("path-step").filter({ hasText: "Alert staff now" })).toBeVisible();
});
