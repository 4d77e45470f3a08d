import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startLocalInngest, type LocalInngest } from "../doubles/inngest-server";
import type { FakeTwilio } from "../doubles/twilio/server";
import { createAppRoutes, type AppRoutes, type Route } from "./app-routes";
import { freePort, startAppProcess, type AppProcess } from "./app-process";

/**
 * The whole back end on loopback, for integration tests: the app's real Inngest functions behind
 * the SDK's serve handler and the app's real Twilio webhook handlers, on one HTTP server; the
 * local Inngest engine; the fake Twilio. The app runs in this process, or in a child process of its
 * own (`appProcess: true`) for tests that kill it for real. Nothing inside the app is mocked.
 * Environment variables are set before the app's modules load, so server/env.ts sees these URLs.
 */
export interface AppHarness {
  appUrl: string;
  /** How many requests the serve handler (/api/inngest) has answered (in-process app only). */
  serveInvocations(): number;
  /**
   * Runs `hook` after the serve handler answered an engine call and before the engine reads the
   * answer (null removes it): a test can make something happen at an exact point of a run, e.g.
   * after a step ran but before the engine has acted on the ops the app reported (in-process app only).
   */
  beforeInngestAnswer(hook: (() => Promise<void>) | null): void;
  /** The app's child process when started with `appProcess: true` (null while it is down). */
  appProcess(): AppProcess | null;
  engine: LocalInngest;
  twilio: FakeTwilio;
  /** Twilio's API goes away: connections to it are refused. */
  stopTwilio(): Promise<void>;
  /** Twilio is back, on the same port, remembering every text. */
  startTwilio(): Promise<void>;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  fake<T = unknown>(path: string, body?: unknown): Promise<T>;
  advanceClock(duration: string): Promise<void>;
  /** In-process: closes the app's server. Child process: SIGKILLs it and waits until it is gone. */
  stopApp(): Promise<void>;
  /** Serves the app again on the same port (a new child process with `appProcess: true`). */
  startApp(): Promise<void>;
  close(): Promise<void>;
}

export interface AppHarnessOptions {
  retryBaseMs?: number;
  /** Fire cron triggers (off by default: a wall-clock tick must not start a scheduled run mid-test). */
  crons?: boolean;
  extraRoutes?: Record<string, Route>;
  /**
   * Serve the app from a child Node process (app-process.ts) instead of this one, so stopping it is
   * a real SIGKILL. The child gets this process's environment, DATABASE_URL included.
   */
  appProcess?: boolean;
}

export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const engine = await startLocalInngest({ port: 0, syncIntervalMs: 0, retryBaseMs: options.retryBaseMs ?? 50, crons: options.crons ?? false, log: () => {} });
  const app = options.appProcess ? await childApp() : await inProcessApp();
  const appUrl = `http://127.0.0.1:${app.port}`;

  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.PUBLIC_BASE_URL = appUrl;
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;

  const { startFakeTwilio } = await import("../doubles/twilio/server");
  const { env } = await import("../env");
  const fakeOptions = { appBaseUrl: appUrl, accountSid: env.FAKE_TWILIO_ACCOUNT_SID, authToken: env.FAKE_TWILIO_AUTH_TOKEN, statusDelayMs: 10 };
  let twilio = await startFakeTwilio({ port: 0, ...fakeOptions });
  const twilioPort = Number(new URL(twilio.url).port);
  process.env.FAKE_TWILIO_URL = twilio.url;
  (env as { FAKE_TWILIO_URL: string }).FAKE_TWILIO_URL = twilio.url;

  await app.serve(options.extraRoutes);

  const control = jsonClient(engine.url);
  const fake = jsonClient(twilio.url);
  const sync = await control<{ ok: boolean; message: string }>("/control/apps/sync", { url: `${appUrl}/api/inngest` }).catch((error: Error) => ({ ok: false, message: error.message }));
  if (!sync.ok) {
    await app.stop();
    await twilio.close();
    await engine.close();
    throw new Error(`the app did not sync with the local engine: ${sync.message}`);
  }

  return {
    appUrl,
    serveInvocations: () => app.routes().invocations(),
    beforeInngestAnswer: (hook) => app.routes().beforeInngestAnswer(hook),
    appProcess: () => app.child(),
    engine,
    get twilio() {
      return twilio;
    },
    stopTwilio: () => twilio.close(),
    async startTwilio() {
      twilio = await startFakeTwilio({ port: twilioPort, ...fakeOptions, state: twilio.state });
    },
    control,
    fake,
    advanceClock: (duration) => control("/control/clock/advance", { duration }).then(() => undefined),
    stopApp: () => app.stop(),
    startApp: () => app.start(),
    async close() {
      await app.stop();
      await twilio.close();
      await engine.close();
    },
  };
}

/** How the harness serves the app: `serve` once the environment is set, then stop/start at will. */
interface ServedApp {
  port: number;
  serve(extraRoutes?: Record<string, Route>): Promise<void>;
  routes(): AppRoutes;
  child(): AppProcess | null;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function inProcessApp(): Promise<ServedApp> {
  let routes: AppRoutes | null = null;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!routes) return void res.writeHead(503).end();
    void routes.handle(req, res);
  };
  let server: Server | null = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async serve(extraRoutes) {
      routes = await createAppRoutes(extraRoutes);
    },
    routes: () => routes!,
    child: () => null,
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      const s = createServer(handler);
      await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
      server = s;
    },
  };
}

async function childApp(): Promise<ServedApp> {
  const port = await freePort();
  let child: AppProcess | null = null;
  const notInChild = (): never => {
    throw new Error("serveInvocations and beforeInngestAnswer need the in-process app; this harness runs the app in a child process");
  };
  const start = async () => {
    if (child) throw new Error(`the app process ${child.pid} is still running; stop it first`);
    child = await startAppProcess({ port, env: process.env });
  };
  return {
    port,
    async serve(extraRoutes) {
      if (extraRoutes && Object.keys(extraRoutes).length) throw new Error("extraRoutes need the in-process app; the child process serves the app's routes only");
      await start();
    },
    routes: notInChild,
    child: () => child,
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      await c.kill("SIGKILL");
    },
    start,
  };
}

/** GET (no body) or POST JSON to a control API; a non-2xx answer throws with its body. */
function jsonClient(baseUrl: string) {
  return async <T,>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** Polls until `probe` returns a value, failing with `explain()` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${explain ? `:\n${await explain()}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
