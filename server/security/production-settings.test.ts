import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { trustedOrigins } from "../auth/trusted-origins";
import { startupVerdict, unsafeModeNotice } from "./production-settings";

const safe = {
  NODE_ENV: "production",
  PUBLIC_BASE_URL: "https://app.ringback.example",
  BETTER_AUTH_SECRET: "q3Jm9x0VYt7s2kLwP4bN8eR1cZ6uH5aD",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  INNGEST_EVENT_KEY: "event-key",
  TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef",
  TWILIO_AUTH_TOKEN: "a-real-looking-twilio-token",
  AUTH_TRUSTED_PROXY_HOPS: "1",
};
const refused = (vars: Record<string, string | undefined>) => {
  const verdict = startupVerdict(vars);
  return verdict.start ? [] : verdict.problems.map((p) => p.variable);
};

describe("production start-up refuses unsafe settings", () => {
  it("starts with real keys, credentials, a random secret and an https base URL", () => {
    expect(startupVerdict(safe)).toEqual({ start: true, unsafe: [] });
    expect(unsafeModeNotice(safe)).toBeNull();
  });

  it("checks nothing outside production (npm run dev, tests)", () => {
    expect(startupVerdict({ NODE_ENV: "development", INNGEST_DEV: "1" }).start).toBe(true);
  });

  it("refuses Inngest dev mode, which runs functions for unsigned requests", () => {
    expect(refused({ ...safe, INNGEST_DEV: "1" })).toEqual(["INNGEST_DEV"]);
    expect(refused({ ...safe, INNGEST_DEV: "http://127.0.0.1:8288" })).toEqual(["INNGEST_DEV"]);
    expect(refused({ ...safe, INNGEST_DEV: "0" })).toEqual([]);
  });

  it("refuses cloud mode without a signing key or an event key", () => {
    expect(refused({ ...safe, INNGEST_SIGNING_KEY: undefined })).toEqual(["INNGEST_SIGNING_KEY"]);
    expect(refused({ ...safe, INNGEST_EVENT_KEY: "" })).toEqual(["INNGEST_EVENT_KEY"]);
  });

  it("refuses to run without Twilio credentials, where the fake's committed token would sign webhooks", () => {
    expect(refused({ ...safe, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined })).toEqual(["TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN"]);
    expect(refused({ ...safe, TWILIO_AUTH_TOKEN: "fake-twilio-auth-token" })).toEqual(["TWILIO_AUTH_TOKEN"]);
  });

  it("refuses the development auth secret, a short one, or none", () => {
    expect(refused({ ...safe, BETTER_AUTH_SECRET: "ringback-development-secret-change-me-in-production" })).toEqual(["BETTER_AUTH_SECRET"]);
    expect(refused({ ...safe, BETTER_AUTH_SECRET: "short" })).toEqual(["BETTER_AUTH_SECRET"]);
    expect(refused({ ...safe, BETTER_AUTH_SECRET: undefined })).toEqual(["BETTER_AUTH_SECRET"]);
  });

  it("refuses a production server that trusts no proxy hop for client addresses", () => {
    expect(refused({ ...safe, AUTH_TRUSTED_PROXY_HOPS: undefined })).toEqual(["AUTH_TRUSTED_PROXY_HOPS"]);
    expect(refused({ ...safe, AUTH_TRUSTED_PROXY_HOPS: "0" })).toEqual(["AUTH_TRUSTED_PROXY_HOPS"]);
  });

  it("refuses an unset or plain-http PUBLIC_BASE_URL", () => {
    expect(refused({ ...safe, PUBLIC_BASE_URL: undefined })).toEqual(["PUBLIC_BASE_URL"]);
    expect(refused({ ...safe, PUBLIC_BASE_URL: "http://app.ringback.example" })).toEqual(["PUBLIC_BASE_URL"]);
  });

  it("says what to fix and how the override works", () => {
    const verdict = startupVerdict({ ...safe, INNGEST_DEV: "1" });
    expect(verdict.start).toBe(false);
    if (verdict.start) return;
    expect(verdict.message).toContain("INNGEST_DEV turns on Inngest dev mode");
    expect(verdict.message).toContain('README "Deploying to production"');
    expect(verdict.message).toContain("RINGBACK_UNSAFE_DEV_IN_PRODUCTION=1 starts it anyway");
  });

  it("lets the explicit override run development doubles, and every page then says so", () => {
    const demo = { ...safe, RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1", INNGEST_DEV: "1", PUBLIC_BASE_URL: "http://127.0.0.1:3400", TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" };
    const verdict = startupVerdict(demo);
    expect(verdict.start).toBe(true);
    expect(unsafeModeNotice(demo)).toMatch(/^Unsafe demo mode: .*INNGEST_DEV.*TWILIO_ACCOUNT_SID/);
  });

  it("never lets the override cover the development auth secret", () => {
    expect(refused({ ...safe, RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1", INNGEST_DEV: "1", BETTER_AUTH_SECRET: undefined })).toEqual(["BETTER_AUTH_SECRET"]);
  });
});

describe("trusted origins", () => {
  it("production trusts only PUBLIC_BASE_URL's origin; development also localhost:3000", () => {
    expect(trustedOrigins("production", "https://app.ringback.example/")).toEqual(["https://app.ringback.example"]);
    expect(trustedOrigins("development", "http://127.0.0.1:3400")).toEqual(["http://127.0.0.1:3400", "http://localhost:3000", "http://127.0.0.1:3000"]);
  });
});

describe("the server's start-up hook (instrumentation.ts)", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  it("exits with the message before serving when production settings are unsafe", () => {
    const script = `import("./instrumentation.ts").then((m) => m.register()).then(() => console.log("started"))`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", NEXT_RUNTIME: "nodejs", INNGEST_DEV: "1", PUBLIC_BASE_URL: "http://localhost:3000" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain("started");
    expect(result.stderr).toContain("Ringback refuses to start in production");
    expect(result.stderr).toContain("BETTER_AUTH_SECRET");
    expect(result.stderr).toContain("INNGEST_DEV");
  });
});
