import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers } from "../prisma/demo-data";
import { E2E_PORT } from "./fixtures/env";

// The quick start on a machine without PostgreSQL: `npm run dev` on the embedded database
// (EMBEDDED_POSTGRES=1 stands in for "nothing answers on 5432", which is not true here), on ports
// and a data directory of its own, from a new data directory to a texted call, a reply and the run
// history in the browser.
const ports = { app: E2E_PORT + 50, engine: E2E_PORT + 60, twilio: E2E_PORT + 70, postgres: E2E_PORT + 80 };
const appUrl = `http://localhost:${ports.app}`;
const twilioUrl = `http://127.0.0.1:${ports.twilio}`;
const caller = "+13125550688";
const business = "+13125550100";

let dev: ChildProcess;
let dataDir: string;
let output = "";

test.use({ baseURL: appUrl });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "ringback-quickstart-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    EMBEDDED_POSTGRES: "1",
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    DEV_DATA_DIR: dataDir,
    PORT: String(ports.app),
    INNGEST_BASE_URL: `http://127.0.0.1:${ports.engine}`,
    FAKE_TWILIO_URL: twilioUrl,
    PUBLIC_BASE_URL: appUrl,
    TWILIO_ACCOUNT_SID: "",
    TWILIO_AUTH_TOKEN: "",
  };
  delete env.DATABASE_URL;
  // Its own process group, so the whole stack can be stopped as `npm run dev` is with Ctrl-C.
  dev = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/dev.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(() => (dev.exitCode === null ? /synced http:\S+\/api\/inngest/.test(output) : `npm run dev exited:\n${output}`), { timeout: 270_000, intervals: [1000] })
    .toBe(true);
});

test.afterAll(async () => {
  if (dev?.exitCode === null) {
    const exited = new Promise((resolve) => dev.once("exit", resolve));
    process.kill(-dev.pid!, "SIGINT");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
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

test("npm run dev on the embedded database: a missed call is texted, the reply answered, the run history shown", async ({ page }) => {
  // Minutes, not seconds: on a busy 2-core machine `next dev` takes a minute or more per new page.
  test.setTimeout(480_000);
  expect(output).toContain("Database: embedded PostgreSQL (PGlite)");
  expect(output).toContain("initialising a new data directory");
  expect(output).toMatch(/\d+ migration\(s\) applied/);

  await fake("/_fake/calls", { from: caller, to: business, outcome: "no-answer" });
  await expect.poll(textsToCaller, { timeout: 60_000 }).toEqual([expect.stringContaining("Thanks for calling Greenfield Plumbing")]);
  await fake("/_fake/sms", { from: caller, to: business, body: "EMERGENCY the boiler is leaking" });
  await expect.poll(async () => (await textsToCaller()).at(-1), { timeout: 60_000 }).toContain("will call you within minutes");

  // `next dev` compiles each page on its first request: every wait allows for it.
  const compiling = { timeout: 180_000 };
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
