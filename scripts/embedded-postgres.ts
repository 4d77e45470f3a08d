// The embedded PostgreSQL for `npm run dev` on a machine without one: PGlite (PostgreSQL compiled to
// WebAssembly) kept in a data directory and served over the wire protocol, so Prisma's adapter-pg,
// `pg`, the migrator, the triggers and the seed talk to it exactly as to a real server.
//
//   EMBEDDED_POSTGRES_DIR   data directory (default .data/pglite); survives restarts
//   EMBEDDED_POSTGRES_PORT  where it listens on 127.0.0.1 (default 5499)
//
// PGlite is one single-user backend: the socket server queues statements from all connections and
// keeps a transaction on the connection that opened it, so several connections (a Prisma pool, the
// migrator) share it safely, one transaction at a time.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { EMBEDDED_POSTGRES_DEFAULT_DIR, EMBEDDED_POSTGRES_DEFAULT_PORT } from "./dev-database";

const dataDir = path.resolve(process.env.EMBEDDED_POSTGRES_DIR ?? EMBEDDED_POSTGRES_DEFAULT_DIR);
const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? EMBEDDED_POSTGRES_DEFAULT_PORT);
mkdirSync(dataDir, { recursive: true });
const db = await PGlite.create({ dataDir });
// Prisma's pool opens up to ~2×CPU connections per process; the migrator, the seed and the app
// run at once in `npm run dev`.
const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 50 });
try {
  await server.start();
} catch (error) {
  const taken = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
  console.error(taken ? `port ${port} is taken: set EMBEDDED_POSTGRES_PORT to a free port` : `could not start: ${(error as Error).message}`);
  await db.close();
  process.exit(1);
}
console.log(`ready on 127.0.0.1:${port} (data in ${process.env.EMBEDDED_POSTGRES_DIR ?? EMBEDDED_POSTGRES_DEFAULT_DIR})`);
let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await server.stop();
  // Closing flushes PGlite's buffers to the data directory; a kill without it can lose the tail.
  await db.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
