// The fake Twilio for development: `npm run dev` starts it on :4010 (FAKE_TWILIO_PORT).
import { existsSync } from "node:fs";
import { startFakeTwilio } from "../server/doubles/twilio/server";

if (existsSync(".env")) process.loadEnvFile(".env");
const fake = await startFakeTwilio({
  port: Number(process.env.FAKE_TWILIO_PORT ?? 4010),
  appBaseUrl: process.env.FAKE_TWILIO_APP_URL ?? process.env.PUBLIC_BASE_URL ?? "http://localhost:3000",
  accountSid: process.env.FAKE_TWILIO_ACCOUNT_SID ?? "AC00000000000000000000000000000000",
  authToken: process.env.FAKE_TWILIO_AUTH_TOKEN ?? "fake-twilio-auth-token",
  statusDelayMs: Number(process.env.FAKE_TWILIO_STATUS_DELAY_MS ?? 300),
});
console.log(`[fake-twilio] listening on ${fake.url} (control API: ${fake.url}/_fake/health)`);
const stop = () => fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
