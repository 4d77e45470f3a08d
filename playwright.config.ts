import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e/fixtures/env";

// Debian's Chromium (`apt-get install -y chromium`): Playwright's own browser download cannot work here.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e/artifacts/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", testIgnore: "**/*.phone.spec.ts" },
    // Phone-sized screens: the layout specs run at 390×844 with touch.
    { name: "phone", testMatch: "**/*.phone.spec.ts", use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
  ],
  webServer: {
    // Builds nothing: `npm test` runs `next build` first. Migrates and seeds a database of its own.
    command: "tsx e2e/fixtures/server.ts",
    url: `${E2E_BASE_URL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
