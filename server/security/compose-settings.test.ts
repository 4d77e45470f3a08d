import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { productionSettingsProblems } from "./production-settings";

// compose.yaml cannot be run here (no Docker), but what it gives each app instance can be checked
// against the checklist the server enforces when it starts: an instance that refuses to start is no
// deployment. The operator sets what compose demands (`${VAR:?…}`); everything else is as written.

const root = path.resolve(import.meta.dirname, "../..");
const compose = parse(readFileSync(path.join(root, "compose.yaml"), "utf8")) as { services: Record<string, { environment?: Record<string, string> }> };

/** What an operator following the comment at the top of compose.yaml sets: only what compose demands. */
const operator: Record<string, string> = {
  PUBLIC_BASE_URL: "https://ringback.example.com",
  BETTER_AUTH_SECRET: "9f".repeat(32),
  INNGEST_EVENT_KEY: "ab".repeat(16),
  INNGEST_SIGNING_KEY: "cd".repeat(32),
  TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "e".repeat(32),
  AUTH_TRUSTED_PROXY_HOPS: "2",
};

/** Compose's interpolation: `${VAR:?message}` must be set by the operator, `${VAR:-default}` may be. */
function interpolate(value: string, demanded: Set<string>) {
  return String(value).replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, op: string | undefined, rest: string) => {
    if (op === "?") {
      demanded.add(name);
      return operator[name] ?? "";
    }
    return op === "-" ? rest : "";
  });
}

describe("compose.yaml's app instances", () => {
  const apps = Object.entries(compose.services).filter(([name]) => /^app\d+$/.test(name));

  it("runs two instances of the app", () => {
    expect(apps.map(([name]) => name)).toEqual(["app1", "app2"]);
  });

  it("pass the production start-up checklist with only what compose demands from the operator", () => {
    // The Dockerfile's app stage sets NODE_ENV=production.
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8")).toMatch(/FROM \S+ AS app[\s\S]*ENV NODE_ENV=production/);
    for (const [name, service] of apps) {
      const demanded = new Set<string>();
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v, demanded)]));
      expect(productionSettingsProblems(env).map((p) => `${name}: ${p.variable} ${p.message}`)).toEqual([]);
      // Nothing the test supplies is something compose lets the operator forget.
      expect([...demanded].sort(), name).toEqual(Object.keys(operator).sort());
    }
  });
});
