// `npm run dev`: the app with everything it talks to, offline: the database migrated and seeded
// (idempotent), the local Inngest engine on :8288 and (without Twilio credentials) the fake Twilio
// on :4010 beside Next.js.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
// Without an SMTP server of its own, email goes to the dev mailbox (the /mailbox page shows it).
const devMailbox = !process.env.SMTP_URL;
const env = {
  ...process.env,
  ...(devMailbox ? { SMTP_URL: "smtp://127.0.0.1:2525", DEV_MAILBOX_URL: "http://127.0.0.1:2580" } : {}),
  NEXT_TELEMETRY_DISABLED: "1",
  INNGEST_DEV: process.env.INNGEST_DEV ?? "1",
  INNGEST_BASE_URL: process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288",
};

const children: ChildProcess[] = [];
function start(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join("\n") + "\n";
  child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
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
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

await run("npx", ["tsx", "scripts/prisma-generate.ts"]);
await run("npx", ["tsx", "scripts/migrate.ts"]);
await run("npx", ["tsx", "prisma/seed.ts"]);
const port = process.env.PORT ?? "3000";
start("inngest", "npx", ["tsx", "server/local-inngest/main.ts"], { LOCAL_INNGEST_APP_URL: `http://127.0.0.1:${port}/api/inngest` });
if (!process.env.TWILIO_ACCOUNT_SID) start("twilio", "npx", ["tsx", "scripts/fake-twilio.ts"], {
    // Twilio signs the URL it posts to, and the app checks signatures against PUBLIC_BASE_URL.
    FAKE_TWILIO_APP_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  });
if (devMailbox) start("mailbox", "npx", ["tsx", "server/mail/dev-mailbox/main.ts"]);
start("next", "npx", ["next", "dev", "-p", port]);
