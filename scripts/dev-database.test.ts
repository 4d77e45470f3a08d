import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseDevDatabase, describeDevDatabase } from "./dev-database";

// Which database `npm run dev` picks, and the one line it prints about it. "Nothing answers on
// 5432" cannot be arranged on a machine that runs PostgreSQL there, so the local server's address
// is given to chooseDevDatabase: one port with a listener, one without.
let listening: net.Server;
let answering: number;
let silent: number;
let dir: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  listening = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  answering = (listening.address() as net.AddressInfo).port;
  silent = await freePort();
  dir = mkdtempSync(path.join(tmpdir(), "ringback-dev-db-"));
});
afterAll(() => {
  listening?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run dev's database", () => {
  it("nothing configured and nothing answering: the embedded one, and the line says why and how to switch to a real one", async () => {
    const dataDir = path.join(dir, "new");
    const db = await chooseDevDatabase({ EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: "5611" }, { host: "127.0.0.1", port: silent });
    expect(db).toEqual({ kind: "embedded", url: "postgresql://postgres@127.0.0.1:5611/postgres", port: 5611, dataDir, initialised: false, forced: false, local: `127.0.0.1:${silent}` });
    expect(describeDevDatabase(db)).toBe(
      `Database: embedded PostgreSQL (PGlite) in ${dataDir} on postgresql://postgres@127.0.0.1:5611/postgres, because no DATABASE_URL is set and nothing answers on 127.0.0.1:${silent}; for a real one, start PostgreSQL on 127.0.0.1:${silent} or set DATABASE_URL.`,
    );
  });

  it("knows a data directory that was initialised before (its later starts are quick)", async () => {
    const dataDir = path.join(dir, "old");
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "PG_VERSION"), "18\n");
    expect(await chooseDevDatabase({ EMBEDDED_POSTGRES_DIR: dataDir }, { host: "127.0.0.1", port: silent })).toMatchObject({ kind: "embedded", port: 5499, initialised: true });
  });

  it("a server answering on the local port: that one, and the line says how to use another", async () => {
    const db = await chooseDevDatabase({}, { host: "127.0.0.1", port: answering });
    expect(db).toEqual({ kind: "local", url: `postgresql://postgres@127.0.0.1:${answering}/ringback` });
    expect(describeDevDatabase(db)).toBe(`Database: the PostgreSQL on 127.0.0.1:${answering} (postgresql://postgres@127.0.0.1:${answering}/ringback); set DATABASE_URL to use another.`);
  });

  it("EMBEDDED_POSTGRES=1 picks the embedded one even when a server answers", async () => {
    const db = await chooseDevDatabase({ EMBEDDED_POSTGRES: "1", EMBEDDED_POSTGRES_DIR: path.join(dir, "forced") }, { host: "127.0.0.1", port: answering });
    expect(db).toMatchObject({ kind: "embedded", forced: true });
    expect(describeDevDatabase(db)).toContain(`because EMBEDDED_POSTGRES=1; for a real one, unset EMBEDDED_POSTGRES (then a PostgreSQL answering on 127.0.0.1:${answering} is used) or set DATABASE_URL.`);
  });

  it("DATABASE_URL wins over everything, and its password is never printed", async () => {
    const db = await chooseDevDatabase({ DATABASE_URL: "postgresql://app:s3cret@db.example:6543/ringback", EMBEDDED_POSTGRES: "1" }, { host: "127.0.0.1", port: answering });
    expect(db).toEqual({ kind: "configured", url: "postgresql://app:s3cret@db.example:6543/ringback" });
    const line = describeDevDatabase(db);
    expect(line).toBe("Database: postgresql://app:***@db.example:6543/ringback (DATABASE_URL).");
    expect(line).not.toContain("\n");
  });
});
