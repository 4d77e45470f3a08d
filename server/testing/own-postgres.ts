import { execFile, execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A PostgreSQL cluster of a test's own, in a temporary directory on a free port, so the test can
 * stop and start it without disturbing the shared server other test files use. Uses the Debian
 * postgresql-15 binaries; as root (CI) every command runs as the `postgres` OS user, because
 * initdb and postgres refuse to run as root. Every command is bounded in time, and `destroy()`
 * (also run when the process exits) stops the cluster and removes its files.
 */
export interface OwnPostgres {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  urlFor(database: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const BIN = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const COMMAND_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const asRoot = process.getuid?.() === 0;
/** The command as argv, prefixed with `runuser -u postgres --` when running as root. */
const argv = (binary: string, args: string[]): [string, string[]] =>
  asRoot ? ["runuser", ["-u", "postgres", "--", path.join(BIN, binary), ...args]] : [path.join(BIN, binary), args];

async function pg(binary: string, args: string[]) {
  const [file, rest] = argv(binary, args);
  try {
    return await run(file, rest, { timeout: COMMAND_TIMEOUT_MS });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary} ${args.join(" ")} failed: ${e.message}\n${e.stderr ?? ""}${e.stdout ?? ""}`);
  }
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = mkdtempSync(path.join(tmpdir(), "ringback-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(root, uid, gid);
  }
  const data = path.join(root, "data");
  const log = path.join(root, "postgres.log");
  const port = await freePort();
  // Durability is not under test here: no fsync keeps start-up and restarts quick.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;

  let running = false;
  const stopNow = () => {
    if (!running) return;
    running = false;
    const [file, rest] = argv("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"]);
    try {
      execFileSync(file, rest, { timeout: COMMAND_TIMEOUT_MS, stdio: "ignore" });
    } catch {
      // Already gone.
    }
  };
  const onExit = () => {
    stopNow();
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const cluster: OwnPostgres = {
    port,
    urlFor: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pg("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "20", "start"]);
      running = true;
    },
    async stop() {
      // "fast": what a restart by an operator or a failover does — sessions are cut off mid-query.
      await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "20", "stop"]);
      running = false;
    },
    async destroy() {
      process.off("exit", onExit);
      onExit();
    },
  };
  try {
    await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
