import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("pages carry a nonce-based CSP, no framing, nosniff, a referrer policy and no X-Powered-By — and still work under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["strict-transport-security"]).toBeUndefined(); // served over http here
  // Next's own scripts carry this request's nonce; a second request gets another one.
  const scripts = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("API responses carry nosniff and no X-Powered-By", async ({ request }) => {
  const response = await request.get("/api/inngest");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-powered-by"]).toBeUndefined();
});

test("this production build runs with development doubles only by the explicit override, and every page says so", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByTestId("unsafe-mode-banner")).toContainText("Unsafe demo mode");
});

test("next start refuses unsafe production settings at start-up, saying what to fix", async () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" as const, INNGEST_DEV: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const child = spawn("npx", ["next", "start", "-p", "0", "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("Ringback refuses to start in production");
  expect(output).toContain("INNGEST_DEV turns on Inngest dev mode");
  expect(output).toContain("BETTER_AUTH_SECRET");
});
