// The parts of `npm run dev` that watch over its processes, kept apart from what it starts.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";

/**
 * Answers at once whether PostgreSQL takes connections at `url`, instead of letting Prisma and Next
 * time out with stack traces 20 seconds later. Returns the sentence to print, or null when it is up.
 */
export async function databaseProblem(url: string, timeoutMs = 3000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return null;
  } catch (error) {
    const where = describeDatabase(url);
    const code = (error as { code?: string }).code;
    // The server answered, but the database itself is missing: the migrator creates it.
    if (code === "3D000") return null;
    const why = code === "ECONNREFUSED" ? "nothing listens there" : code === "28P01" || code === "28000" ? "the user or password was refused" : (error as Error).message;
    return `PostgreSQL is not reachable at ${where} (${why}): start it or set DATABASE_URL.`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** "127.0.0.1:5432/ringback as postgres", without the password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}${u.username ? ` as ${decodeURIComponent(u.username)}` : ""}`;
  } catch {
    return "DATABASE_URL (not a valid URL)";
  }
}

/**
 * How `npm run dev` starts one of its TypeScript servers (the embedded database, the engine, the fake
 * Twilio, the mailbox): Node itself with tsx's loader, not tsx's CLI. The CLI relays a SIGTERM to
 * the Node process it runs and SIGKILLs it when that does not acknowledge within ~60 ms — which a
 * server busy in PGlite's WebAssembly cannot — so the embedded database died before flushing its
 * data directory, and the engine before writing its last state.
 */
export function scriptCommand(script: string): [string, string[]] {
  return [process.execPath, ["--import", "tsx", script]];
}

/** Log lines of `next dev` nobody needs: the local engine syncing the app every few seconds. */
export const isNoise = (line: string) => /^\s*PUT \/api\/inngest\b/.test(line);

/**
 * Starts a child in a process group of its own (detached), so stopping it stops everything it
 * started too (npx → tsx → node, next → its workers), and none is left holding a port.
 */
export function startInGroup(command: string, args: string[], options: { env: NodeJS.ProcessEnv; onLine: (line: string, stream: "out" | "err") => void }): ChildProcess {
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines = (stream: "out" | "err") => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() && !isNoise(line)) options.onLine(line, stream);
  };
  child.stdout?.on("data", lines("out"));
  child.stderr?.on("data", lines("err"));
  return child;
}

/** SIGTERM to each child's whole group; SIGKILL to what is still there after `graceMs`. */
export async function stopGroups(children: ChildProcess[], graceMs = 3000) {
  const signal = (c: ChildProcess, s: NodeJS.Signals) => {
    if (c.pid === undefined) return;
    try {
      process.kill(-c.pid, s);
    } catch {
      // The group is gone already.
    }
  };
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) signal(c, "SIGTERM");
  await Promise.race([Promise.all(alive.map((c) => new Promise((r) => c.once("exit", r)))), new Promise((r) => setTimeout(r, graceMs))]);
  // Grandchildren may outlive their parent: kill the groups whatever the leaders did.
  for (const c of children) signal(c, "SIGKILL");
}

/** Resolves once every URL answers (any HTTP status), checking every `everyMs`. */
export async function waitUntilUp(urls: string[], everyMs = 500): Promise<void> {
  const up = async (url: string) => {
    try {
      await fetch(url, { method: "GET", signal: AbortSignal.timeout(2000) });
      return true;
    } catch {
      return false;
    }
  };
  for (;;) {
    if ((await Promise.all(urls.map(up))).every(Boolean)) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
