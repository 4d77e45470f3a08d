import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productionSettingsProblems } from "./production-settings";

// compose.yaml is the documented starting point for production: its app instances must pass the
// start-up check (README "Deploying to production") once the operator gives what it asks for.
const root = path.resolve(import.meta.dirname, "../..");

/** The `x-app` service's environment: `KEY: value` lines, with `${VAR:?…}` as what the operator must set and `${VAR:-default}` as its default. */
function composeAppEnvironment(operator: Record<string, string>) {
  const lines = readFileSync(path.join(root, "compose.yaml"), "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith("x-app:"));
  const envStart = lines.findIndex((l, i) => i > start && l.trim() === "environment:");
  const vars: Record<string, string> = {};
  const required: string[] = [];
  for (const line of lines.slice(envStart + 1)) {
    const match = /^ {4}([A-Z0-9_]+): (.*)$/.exec(line);
    if (!match) {
      if (line.trim().startsWith("#")) continue;
      break;
    }
    const value = match[2].replace(/^"|"$/g, "").replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
      if (op === "?") required.push(name);
      return operator[name] ?? (op === "-" ? (rest ?? "") : "");
    });
    vars[match[1]] = value;
  }
  return { vars, required };
}

describe("compose.yaml", () => {
  const operator = {
    PUBLIC_BASE_URL: "https://ringback.example.com",
    BETTER_AUTH_SECRET: "0123456789abcdef0123456789abcdef0123456789abcdef",
    INNGEST_EVENT_KEY: "0123456789abcdef",
    INNGEST_SIGNING_KEY: "0123456789abcdef0123456789abcdef",
    TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef",
    TWILIO_AUTH_TOKEN: "a-real-looking-twilio-token",
    AUTH_TRUSTED_PROXY_HOPS: "2",
  };

  it("its app instances pass the production start-up check with what it requires of the operator", () => {
    const { vars, required } = composeAppEnvironment(operator);
    const dockerfileEnv = /ENV NODE_ENV=(\w+)/.exec(readFileSync(path.join(root, "Dockerfile"), "utf8"))?.[1];
    expect(dockerfileEnv).toBe("production");
    const given = Object.fromEntries(required.map((name) => [name, operator[name as keyof typeof operator]]));
    expect(productionSettingsProblems({ ...vars, ...given }).map((p) => p.variable)).toEqual([]);
    // And it asks for each of them rather than starting a server that exits.
    for (const name of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "AUTH_TRUSTED_PROXY_HOPS"]) expect(required).toContain(name);
  });
});
