// `npm run dev`: the app with everything it talks to, offline: the database migrated and seeded
// (idempotent), the local Inngest engine on :8288 and (without Twilio credentials) the fake Twilio
// on :4010 beside Next.js.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { databaseUrl } from "./database-url";
import { databaseProblem, startInGroup, stopGroups, waitUntilUp } from "./dev-supervisor";

if (existsSync(".env")) process.loadEnvFile(".env");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  INNGEST_DEV: process.env.INNGEST_DEV ?? "1",
  INNGEST_BASE_URL: process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288",
};

const children: ChildProcess[] = [];
function start(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = startInGroup(command, args, {
    env: { ...env, ...extraEnv },
    onLine: (line, stream) => (stream === "out" ? process.stdout : process.stderr).write(`[${name}] ${line}\n`),
  });
  child.on("exit", (code) => {
    console.log(`[${name}] exited with ${code}; stopping everything.`);
    shutdown(code ?? 1);
  });
  children.push(child);
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
  void stopGroups(children).then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

const problem = await databaseProblem(databaseUrl());
if (problem) {
  console.error(problem);
  process.exit(1);
}
await run("npx", ["tsx", "scripts/prisma-generate.ts"]);
await run("npx", ["tsx", "scripts/migrate.ts"]);
await run("npx", ["tsx", "prisma/seed.ts"]);
const port = process.env.PORT ?? "3000";
start("inngest", "npx", ["tsx", "server/local-inngest/main.ts"], { LOCAL_INNGEST_APP_URL: `http://127.0.0.1:${port}/api/inngest` });
if (!process.env.TWILIO_ACCOUNT_SID) start("twilio", "npx", ["tsx", "scripts/fake-twilio.ts"], {
    // Twilio signs the URL it posts to, and the app checks signatures against PUBLIC_BASE_URL.
    FAKE_TWILIO_APP_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  });
start("next", "npx", ["next", "dev", "-p", port]);
const fakeTwilio = process.env.TWILIO_ACCOUNT_SID ? [] : ["http://127.0.0.1:4010/_fake/messages"];
void waitUntilUp([`http://127.0.0.1:${port}/sign-in`, `${env.INNGEST_BASE_URL}/`, ...fakeTwilio]).then(() =>
  console.log(`\nReady: http://localhost:${port} (app) · engine ${env.INNGEST_BASE_URL}${fakeTwilio.length ? " · fake Twilio http://127.0.0.1:4010" : ""}\n`),
);
