import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseProblem, describeDatabase, isNoise, scriptCommand, startInGroup, stopGroups } from "./dev-supervisor";

describe("npm run dev watching over its processes", () => {
  it("says at once, in one sentence, when PostgreSQL is not reachable", async () => {
    const started = Date.now();
    const problem = await databaseProblem("postgresql://postgres:secret@127.0.0.1:1/ringback", 2000);
    expect(problem).toBe("PostgreSQL is not reachable at 127.0.0.1:1/ringback as postgres (nothing listens there): start it or set DATABASE_URL.");
    expect(problem).not.toContain("secret");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await databaseProblem(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")).toBeNull();
  });

  it("stopping it stops every process its children started (process groups), not only the children", async () => {
    // A child that starts a grandchild which would otherwise outlive it.
    const child = startInGroup("sh", ["-c", "sleep 300 & echo grandchild $!; wait"], { env: process.env, onLine: () => {} });
    const grandchild = await new Promise<number>((resolve) => child.stdout!.on("data", (c: Buffer) => resolve(Number(/grandchild (\d+)/.exec(c.toString())![1]))));
    expect(() => process.kill(grandchild, 0)).not.toThrow();
    await stopGroups([child], 1000);
    await new Promise((r) => setTimeout(r, 200));
    const state = (() => {
      try {
        return execFileSync("ps", ["-o", "stat=", "-p", String(grandchild)]).toString().trim();
      } catch {
        return "gone";
      }
    })();
    expect(state === "gone" || state.startsWith("Z")).toBe(true);
  });

  it("a server it started closes in its own time when stopped, even when busy as the signal comes (the embedded database flushes its data directory)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ringback-dev-stop-"));
    try {
      const script = path.join(dir, "busy-server.ts");
      const closed = path.join(dir, "closed");
      // Blocks its event loop 300 ms at a time, as PGlite's WebAssembly does while it works.
      writeFileSync(
        script,
        `import { writeFileSync } from "node:fs";
        process.on("SIGTERM", () => { writeFileSync(${JSON.stringify(closed)}, "closed"); process.exit(0); });
        console.log("ready");
        setInterval(() => { const end = Date.now() + 300; while (Date.now() < end); }, 1);`,
      );
      const [command, args] = scriptCommand(script);
      let ready!: () => void;
      const started = new Promise<void>((resolve) => (ready = resolve));
      const child = startInGroup(command, args, { env: process.env, onLine: (line) => line.includes("ready") && ready() });
      await started;
      await new Promise((r) => setTimeout(r, 200));
      await stopGroups([child], 3000);
      expect(existsSync(closed) && readFileSync(closed, "utf8"), "its SIGTERM handler ran to the end (it was not killed first)").toBe("closed");
      expect(child.exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops the engine's every-few-seconds sync lines from next dev's log, nothing else", () => {
    expect(isNoise(" PUT /api/inngest 200 in 12ms")).toBe(true);
    expect(isNoise(" POST /api/inngest?fnId=x 206 in 30ms")).toBe(false);
    expect(describeDatabase("postgresql://u:p@db.example:6543/app")).toBe("db.example:6543/app as u");
  });
});
