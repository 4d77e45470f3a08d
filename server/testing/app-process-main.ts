import { createServer } from "node:http";
import { createAppRoutes } from "./app-routes";

/**
 * The app's HTTP side (app-routes.ts) in a process of its own, for tests that kill the app for
 * real: `node --import tsx server/testing/app-process-main.ts` with APP_PROCESS_PORT and the app's
 * environment set (APP_PROCESS_PARENT_PID: exit when that process is gone). Prints `ready <port>`
 * on stdout once it listens. Holds no state of its own:
 * everything it knows is in the database and the Inngest engine.
 */
const port = Number(process.env.APP_PROCESS_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`APP_PROCESS_PORT must be the port to listen on, got ${JSON.stringify(process.env.APP_PROCESS_PORT)}`);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL must be set: the app process uses the test's own database");
  process.exit(2);
}

// Outlive no test: if the process that started this one is gone (even SIGKILLed), exit too.
const parentPid = Number(process.env.APP_PROCESS_PARENT_PID);
if (Number.isInteger(parentPid) && parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}

const routes = await createAppRoutes();
const server = createServer((req, res) => {
  routes.handle(req, res).catch((error: unknown) => {
    console.error(`[app-process] ${req.url} failed: ${(error as Error).message}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.on("error", (error) => {
  console.error(`[app-process] cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`ready ${port}\n`));
