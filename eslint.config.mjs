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
// Webhooks and Inngest functions are adapters: they parse, then call a domain's service, which
// owns its tables (contacts/, numbers/, inbox/, runs/, calls/). They never read the database themselves.
const noDb = {
  group: ["@/server/db", "@/server/db/*", "**/db", "**/db/*", "@prisma/client", "@prisma/client/*"],
  message: "Webhooks and Inngest functions call a service of the domain that owns the data (e.g. server/numbers/number-lookup.ts, server/contacts/contact-upsert.ts, server/runs/run-cancellation.ts) instead of reading the database.",
};
const adapters = ["app/api/twilio/**", "server/twilio/webhooks/**", "server/inngest/functions/**"];
// The one exception: bench-baseline is the benchmark's yardstick, a webhook that does the least a
// webhook can (store one Call row), so it is its own measure.
const adaptersStillOnTheDb = ["server/twilio/webhooks/bench-baseline.ts"];
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
  // Adapters last, so their stricter list is the one that applies to them.
  {
    files: adapters.filter((glob) => glob.startsWith("server/")),
    ignores: ["**/*.test.ts", ...adaptersStillOnTheDb],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDoubles, noApi, noDb] }] },
  },
  {
    files: adapters.filter((glob) => glob.startsWith("app/")),
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDoubles, noDb] }] },
  },
];
export default config;
