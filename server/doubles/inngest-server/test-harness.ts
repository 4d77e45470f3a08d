import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { type LocalInngest, type LocalInngestOptions, startLocalInngest } from "./index";

/**
 * For the engine's own integration tests: the engine on a free port, and a real app — an Inngest
 * client plus the SDK's Node serve handler — on another, synced exactly as `npm run dev` syncs.
 * Everything is observed through the control API, as the app's tests will.
 */

type RunView = {
  id: string;
  status: string;
  state: string;
  output: unknown;
  error: { name: string; message: string } | null;
  reason: string | null;
  calls: number;
  steps: { id: string; name: string; op: string; status: string; attempts: number; output: unknown; error: unknown }[];
  jobs: { stepId: string; attempt: number; state: string; dueAt: string }[];
  history: { at: string; message: string }[];
  nextCallAt: string | null;
};

export interface Harness {
  engine: LocalInngest;
  inngest: Inngest.Any;
  appUrl: string;
  logs: string[];
  /** Sends events the way the app does (`inngest.send` → `POST /e/<key>`). */
  send(events: Parameters<Inngest.Any["send"]>[0]): Promise<string[]>;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  advance(ms: number): Promise<void>;
  runs(query?: string): Promise<RunView[]>;
  run(id: string): Promise<RunView>;
  /** Polls until `check` holds for the run, failing with the run's history after `timeoutMs`. */
  waitForRun(id: string, check: (run: RunView) => boolean, timeoutMs?: number): Promise<RunView>;
  /** Polls until the one run started by the event with this id exists. */
  runForEvent(eventId: string, timeoutMs?: number): Promise<RunView>;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  /** Stops the engine and starts a new one on the same port (with `engine.stateFile`, it resumes). */
  restartEngine(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  functions: (inngest: Inngest.Any) => InngestFunction.Any[];
  engine?: LocalInngestOptions;
  checkpointing?: boolean;
}): Promise<Harness> {
  const logs: string[] = [];
  const engineOptions: LocalInngestOptions = { port: 0, log: (line) => logs.push(line), syncIntervalMs: 0, ...options.engine };
  let engine = await startLocalInngest(engineOptions);
  const inngest = new Inngest({
    id: "test-app",
    isDev: true,
    baseUrl: engine.url,
    ...(options.checkpointing === false ? { checkpointing: false } : {}),
    logger: quietLogger,
  });
  const handler = serve({ client: inngest, functions: options.functions(inngest) });

  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  const appUrl = `http://127.0.0.1:${port}/api/inngest`;

  const control = async <T,>(path: string, body?: unknown): Promise<T> => {
    const request = () =>
      fetch(`${engine.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Right after an engine restart a pooled keep-alive socket may still point at the old one.
    const response = await request().catch(() => request());
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const sync = await control<{ ok: boolean; message: string }>("/control/apps/sync", { url: appUrl });
  if (!sync.ok) throw new Error(`app did not sync: ${sync.message}`);

  const run = (id: string) => control<RunView>(`/control/runs/${id}`);
  const harness: Harness = {
    get engine() {
      return engine;
    },
    inngest,
    appUrl,
    logs,
    async send(events) {
      const { ids } = await inngest.send(events);
      return ids;
    },
    control,
    async advance(ms) {
      await control("/control/clock/advance", { ms });
    },
    async runs(query = "") {
      return (await control<{ runs: RunView[] }>(`/control/runs${query}`)).runs;
    },
    run,
    async waitForRun(id, check, timeoutMs = 10_000) {
      return poll(`run ${id}`, timeoutMs, async () => {
        const view = await run(id);
        return check(view) ? view : undefined;
      }, async () => JSON.stringify(await run(id), null, 2));
    },
    async runForEvent(eventId, timeoutMs = 10_000) {
      return poll(`a run for event ${eventId}`, timeoutMs, async () => {
        const [found] = await harness.runs(`?eventId=${encodeURIComponent(eventId)}`);
        return found ? run(found.id) : undefined;
      }, async () => logs.join("\n"));
    },
    async stopApp() {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    },
    startApp: listen,
    async restartEngine() {
      await engine.close();
      engine = await startLocalInngest({ ...engineOptions, port: engine.port });
    },
    async close() {
      await harness.stopApp().catch(() => {});
      await engine.close();
    },
  };
  return harness;
}

/** Settled view of a run: completed, failed or cancelled. */
export const finished = (run: { status: string }) => ["completed", "failed", "cancelled"].includes(run.status);

export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, explain: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}:\n${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The SDK logs every expected step error; tests only want the engine's lines on failure. */
const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };
