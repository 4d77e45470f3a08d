import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The architecture, as import rules (DESIGN.md "Layout" and "Direction"): a rule for a folder
// replaces the general one there, so each list repeats what still applies.
const noApp = { group: ["@/app/*", "../app/*", "../../app/*", "../../../app/*"], message: "server/ must not import from app/." };
const noDoubles = {
  group: ["**/doubles", "**/doubles/*", "**/doubles/**"],
  message: "Production code must not import the development doubles (local engine, fake Twilio); they are reached over HTTP only.",
};
// Services never import routers: server/api (tRPC) sits on top of the domains and parses with their
// schemas; only app/ (the HTTP adapters) and tests reach into it.
const noApi = {
  group: ["@/server/api", "@/server/api/*", "../api", "../api/*", "../../api", "../../api/*", "../../../api", "../../../api/*"],
  message: "Only app/ and tests import server/api: a service takes its input types from its own domain (e.g. server/clients/client-schemas.ts), and the router parses with them.",
};
const pureEngine = {
  group: ["**/db", "**/db/*", "**/inngest", "**/inngest/*", "**/messaging/*", "**/twilio/*", "**/env", "**/calls/*", "**/runtime/*", "next", "next/*", "server-only"],
  message: "The engine and the flow model are pure and browser-safe: no database, events, messaging, Twilio, environment or runtime.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "server/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "e2e/artifacts/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [noApp, noDoubles] }],
    },
  },
  {
    files: ["server/**"],
    ignores: ["server/api/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDoubles, noApi] }] },
  },
  {
    files: ["server/flows/engine/**", "server/flows/model/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDoubles, noApi, pureEngine] }] },
  },
  // The doubles themselves, the harnesses that start them, scripts and tests.
  {
    files: ["server/doubles/inngest-server/**", "server/doubles/twilio/**", "server/testing/**", "scripts/**", "e2e/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp] }] },
  },
  { files: ["app/**"], rules: { "no-restricted-imports": ["error", { patterns: [noDoubles] }] } },
];
export default config;
