// `npm run dev`: the app with everything it talks to, offline: a database (DATABASE_URL, else the
// PostgreSQL on 127.0.0.1:5432, else an embedded one under .data/), migrated and seeded (idempotent),
// the local Inngest engine on :8288 (its runs kept under .data/, so waiting runs survive a restart)
// and, without Twilio credentials, the fake Twilio on :4010, beside Next.js.
//
//   PORT                 the app (default 3000)
//   INNGEST_BASE_URL     where the local engine listens (default http://127.0.0.1:8288)
//   FAKE_TWILIO_URL      where the fake Twilio listens (default http://127.0.0.1:4010)
//   DEV_DATA_DIR         the embedded database and the engine's state (default .data)
//   EMBEDDED_POSTGRES_PORT  the embedded database's port (default 5499)
//   DEV_MAILBOX_SMTP_PORT, DEV_MAILBOX_HTTP_PORT  the dev mailbox, without SMTP_URL (default 2525, 2580)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { answers, chooseDevDatabase, describeDevDatabase, type DevDatabase } from "./dev-database";
import { databaseProblem, scriptCommand, startInGroup, stopGroups, waitUntilUp } from "./dev-supervisor";

if (existsSync(".env")) process.loadEnvFile(".env");
const port = process.env.PORT ?? "3000";
const dataDir = process.env.DEV_DATA_DIR ?? ".data";
const inngestUrl = new URL(process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288");
const fakeTwilioUrl = new URL(process.env.FAKE_TWILIO_URL ?? "http://127.0.0.1:4010");
// Without an SMTP server of its own, email goes to the dev mailbox (the /mailbox page shows it).
const devMailbox = !process.env.SMTP_URL;
const mailboxPorts = { smtp: process.env.DEV_MAILBOX_SMTP_PORT ?? "2525", http: process.env.DEV_MAILBOX_HTTP_PORT ?? "2580" };
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...(devMailbox
    ? { SMTP_URL: `smtp://127.0.0.1:${mailboxPorts.smtp}`, DEV_MAILBOX_URL: `http://127.0.0.1:${mailboxPorts.http}`, DEV_MAILBOX_SMTP_PORT: mailboxPorts.smtp, DEV_MAILBOX_HTTP_PORT: mailboxPorts.http }
    : {}),
  NEXT_TELEMETRY_DISABLED: "1",
  INNGEST_DEV: process.env.INNGEST_DEV ?? "1",
  INNGEST_BASE_URL: inngestUrl.origin,
  FAKE_TWILIO_URL: fakeTwilioUrl.origin,
  // Twilio signs the URL it posts to, and the app checks signatures against PUBLIC_BASE_URL.
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
};

// The packages' own binaries, not `npx`: npm exec does not pass SIGTERM on, and its children
// would outlive `npm run dev`. The servers written here run on Node with tsx's loader (scriptCommand).
const bin = (name: string) => path.join("node_modules", ".bin", name);
const children: ChildProcess[] = [];
function start(name: string, [command, args]: [string, string[]], extraEnv: Record<string, string> = {}) {
  const child = startInGroup(command, args, {
    env: { ...env, ...extraEnv },
    onLine: (line, stream) => (stream === "out" ? process.stdout : process.stderr).write(`[${name}] ${line}\n`),
  });
  child.on("exit", (code) => {
    console.log(`[${name}] exited with ${code}; stopping everything.`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(command, args, { env, stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed`))));
  });
}

let stopping = false;
function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // Each child runs in a process group of its own: the whole group stops, and the embedded
  // database gets time to flush its data directory (seconds on a busy machine).
  void stopGroups(children, 10_000).then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

/** Starts the embedded database and waits for it, with progress while a new data directory initialises. */
async function startEmbeddedPostgres(db: Extract<DevDatabase, { kind: "embedded" }>) {
  const child = start("postgres", scriptCommand("scripts/embedded-postgres.ts"), {
    EMBEDDED_POSTGRES_DIR: db.dataDir,
    EMBEDDED_POSTGRES_PORT: String(db.port),
  });
  const started = Date.now();
  if (!db.initialised) console.log(`[postgres] initialising a new data directory in ${db.dataDir} (the first start takes tens of seconds)…`);
  let lastReport = started;
  while (!(await answers("127.0.0.1", db.port, 500))) {
    if (child.exitCode !== null) throw new Error("the embedded database did not start (see [postgres] above)");
    if (Date.now() - lastReport >= 5000) {
      lastReport = Date.now();
      console.log(`[postgres] ${db.initialised ? "opening" : "initialising"} ${db.dataDir}… ${Math.round((lastReport - started) / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const database = await chooseDevDatabase({ ...process.env, EMBEDDED_POSTGRES_DIR: process.env.EMBEDDED_POSTGRES_DIR ?? path.join(dataDir, "pglite") });
env.DATABASE_URL = database.url;
console.log(describeDevDatabase(database));
if (database.kind === "embedded") await startEmbeddedPostgres(database);
else {
  // A database that was asked for but does not answer: say so at once, not in a stack trace later.
  const problem = await databaseProblem(database.url);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

await run(bin("tsx"), ["scripts/prisma-generate.ts"]);
await run(bin("tsx"), ["scripts/migrate.ts"]);
// The fake Twilio first: it keeps its account in memory, and the seed gives it the demo numbers and
// an approved A2P Messaging Service, then verifies the numbers against it as the app does any number.
if (!process.env.TWILIO_ACCOUNT_SID) {
  start("twilio", scriptCommand("scripts/fake-twilio.ts"), {
    FAKE_TWILIO_PORT: fakeTwilioUrl.port || "80",
    FAKE_TWILIO_APP_URL: env.PUBLIC_BASE_URL!,
  });
  await waitUntilUp([`${fakeTwilioUrl.origin}/_fake/health`]);
}
await run(bin("tsx"), ["prisma/seed.ts"]);
start("inngest", scriptCommand("server/doubles/inngest-server/main.ts"), {
  LOCAL_INNGEST_PORT: inngestUrl.port || "80",
  LOCAL_INNGEST_APP_URL: `http://127.0.0.1:${port}/api/inngest`,
  LOCAL_INNGEST_STATE_FILE: process.env.LOCAL_INNGEST_STATE_FILE ?? path.join(dataDir, "local-inngest.json"),
});
if (devMailbox) start("mailbox", scriptCommand("server/mail/dev-mailbox/main.ts"));
start("next", [bin("next"), ["dev", "-p", port]]);
const fakeTwilio = process.env.TWILIO_ACCOUNT_SID ? [] : [`${fakeTwilioUrl.origin}/_fake/messages`];
void waitUntilUp([`http://127.0.0.1:${port}/sign-in`, `${inngestUrl.origin}/`, ...fakeTwilio]).then(() =>
  console.log(`\nReady: http://localhost:${port} (app) · engine ${inngestUrl.origin}${fakeTwilio.length ? ` · fake Twilio ${fakeTwilioUrl.origin}` : ""}\n`),
);
