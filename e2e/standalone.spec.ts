import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import twilio from "twilio";
import { E2E_DATABASE_URL, E2E_INNGEST_URL, E2E_PORT, E2E_TWILIO_URL } from "./fixtures/env";

// What the Dockerfile ships: `next build` with `output: "standalone"` leaves .next/standalone/server.js
// with only the node_modules it needs. Started on its own, beside the e2e app (same database and
// engine), it must answer a signed Twilio webhook and refuse a forged one.
const port = E2E_PORT + 90;
const baseUrl = `http://127.0.0.1:${port}`;
const server = path.resolve(".next/standalone/server.js");
const token = "fake-twilio-auth-token";
let app: ChildProcess;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(90_000);
  expect(existsSync(server), "`npm run build` leaves .next/standalone/server.js").toBe(true);
  app = spawn(process.execPath, [server], {
    // Only what a container would set: no node_modules of the checkout on its search path.
    cwd: path.dirname(server),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: E2E_DATABASE_URL,
      PUBLIC_BASE_URL: baseUrl,
      BETTER_AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: E2E_INNGEST_URL,
      FAKE_TWILIO_URL: E2E_TWILIO_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Here it runs against the local engine and the fake Twilio over http, which production refuses
      // at start-up (server/security/production-settings.ts): the documented override for test runs.
      RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  app.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(async () => (app.exitCode === null ? (await fetch(`${baseUrl}/api/inngest`).catch(() => null))?.status : `exited:\n${output}`), { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(() => {
  app?.kill("SIGTERM");
});

function voiceWebhook(params: Record<string, string>, signature?: string) {
  const url = `${baseUrl}/api/twilio/voice`;
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature ?? twilio.getExpectedTwilioSignature(token, url, params) },
    body: new URLSearchParams(params).toString(),
  });
}

test("the standalone server answers a signed Twilio webhook and refuses a forged one", async () => {
  // Greenfield Plumbing's demo number forwards to +1 312 555 0199.
  const params = { CallSid: `CA${"5".repeat(32)}`, AccountSid: `AC${"0".repeat(32)}`, From: "+13125550691", To: "+13125550100", CallStatus: "ringing" };
  const answered = await voiceWebhook(params);
  expect(answered.status, output).toBe(200);
  const twiml = await answered.text();
  expect(twiml).toContain("<Dial");
  expect(twiml).toContain("<Number>+13125550199</Number>");
  expect((await voiceWebhook({ ...params, CallSid: `CA${"6".repeat(32)}` }, "Zm9yZ2Vk")).status).toBe(403);
});
