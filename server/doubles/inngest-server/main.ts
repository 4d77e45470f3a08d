/**
 * CLI: `tsx server/doubles/inngest-server/main.ts` — the local engine on port 8288, for `npm run dev`.
 *
 *   LOCAL_INNGEST_PORT       default 8288 (where the Inngest dev server listens)
 *   LOCAL_INNGEST_HOST       default 127.0.0.1
 *   LOCAL_INNGEST_APP_URL    serve URL(s) to keep synced, comma-separated,
 *                            e.g. http://127.0.0.1:3000/api/inngest
 *   LOCAL_INNGEST_SYNC_INTERVAL_MS  re-sync the app this often (default 5000, as the dev server
 *                            polls); it also notices an app that restarted. 0 = until first success
 *   LOCAL_INNGEST_STATE_FILE keep state in this JSON file, so restarts resume runs
 *   LOCAL_INNGEST_QUIET=1    no per-run log lines
 *
 * Point the app at it with INNGEST_DEV=http://127.0.0.1:8288 (or INNGEST_DEV=1 and
 * INNGEST_BASE_URL=http://127.0.0.1:8288).
 */
import { startLocalInngest } from "./index";

const env = process.env;
const port = Number(env.LOCAL_INNGEST_PORT ?? 8288);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`LOCAL_INNGEST_PORT must be a port number, not ${JSON.stringify(env.LOCAL_INNGEST_PORT)}`);
  process.exit(1);
}

const appUrls = (env.LOCAL_INNGEST_APP_URL ?? "")
  .split(",")
  .map((value) => value.trim())
  .filter(Boolean);

try {
  const engine = await startLocalInngest({
    port,
    host: env.LOCAL_INNGEST_HOST || "127.0.0.1",
    appUrls,
    syncIntervalMs: env.LOCAL_INNGEST_SYNC_INTERVAL_MS ? Number(env.LOCAL_INNGEST_SYNC_INTERVAL_MS) : undefined,
    stateFile: env.LOCAL_INNGEST_STATE_FILE || undefined,
    log: env.LOCAL_INNGEST_QUIET === "1" ? false : undefined,
  });
  const stop = async () => {
    await engine.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === "EADDRINUSE"
      ? `[local-inngest] port ${port} is taken (is \`inngest-cli dev\` or another engine running?); set LOCAL_INNGEST_PORT`
      : `[local-inngest] could not start: ${(error as Error).message}`,
  );
  process.exit(1);
}
