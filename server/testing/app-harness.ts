import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startLocalInngest, type LocalInngest } from "../local-inngest";
import type { FakeTwilio } from "../twilio/fake/server";

/**
 * The whole back end on loopback, for integration tests: the app's real Inngest functions behind
 * the SDK's serve handler and the app's real Twilio webhook handlers, on one HTTP server; the
 * local Inngest engine; the fake Twilio. Nothing inside the app is mocked. Environment variables
 * are set before the app's modules load, so server/env.ts sees these URLs.
 */
export interface AppHarness {
  appUrl: string;
  /** How many requests the serve handler (/api/inngest) has answered. */
  serveInvocations(): number;
  /**
   * Runs `hook` after the serve handler answered an engine call and before the engine reads the
   * answer (null removes it): a test can make something happen at an exact point of a run, e.g.
   * after a step ran but before the engine has acted on the ops the app reported.
   */
  beforeInngestAnswer(hook: (() => Promise<void>) | null): void;
  engine: LocalInngest;
  twilio: FakeTwilio;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  fake<T = unknown>(path: string, body?: unknown): Promise<T>;
  advanceClock(duration: string): Promise<void>;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

type Route = (r: { url: string; headers: Headers; rawBody: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

export async function startAppHarness(options: { retryBaseMs?: number; extraRoutes?: Record<string, Route> } = {}): Promise<AppHarness> {
  const engine = await startLocalInngest({ port: 0, syncIntervalMs: 0, retryBaseMs: options.retryBaseMs ?? 50, log: () => {} });
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  let server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const appUrl = `http://127.0.0.1:${port}`;

  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.PUBLIC_BASE_URL = appUrl;
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;

  const { startFakeTwilio } = await import("../twilio/fake/server");
  const { env } = await import("../env");
  const twilio = await startFakeTwilio({ port: 0, appBaseUrl: appUrl, accountSid: env.FAKE_TWILIO_ACCOUNT_SID, authToken: env.FAKE_TWILIO_AUTH_TOKEN, statusDelayMs: 10 });
  process.env.FAKE_TWILIO_URL = twilio.url;
  (env as { FAKE_TWILIO_URL: string }).FAKE_TWILIO_URL = twilio.url;

  const { serve } = await import("inngest/node");
  const { inngest } = await import("../inngest/client");
  const { functions } = await import("../inngest/functions");
  const voice = await import("../twilio/webhooks/voice");
  const sms = await import("../twilio/webhooks/sms");
  const status = await import("../twilio/webhooks/status");
  const callStatus = await import("../twilio/webhooks/call-status");
  const inngestHandler = serve({ client: inngest, functions });
  let invocations = 0;
  let beforeAnswer: (() => Promise<void>) | null = null;
  const twilioRoutes: Record<string, Route> = {
    ...options.extraRoutes,
    "/api/twilio/voice": voice.handleVoice,
    "/api/twilio/dial-result": voice.handleDialResult,
    "/api/twilio/voicemail": voice.handleVoicemail,
    "/api/twilio/sms": sms.handleInboundSms,
    "/api/twilio/status": status.handleMessageStatus,
    "/api/twilio/call-status": callStatus.handleCallStatus,
  };
  const appHandler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/api/inngest") {
      invocations++;
      const hook = beforeAnswer;
      if (hook) {
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        res.end = ((...args: unknown[]) => {
          void hook().then(() => end(...args), (error: unknown) => res.destroy(error as Error));
          return res;
        }) as typeof res.end;
      }
      return inngestHandler(req, res);
    }
    const route = twilioRoutes[path];
    if (!route || req.method !== "POST") return res.writeHead(404).end();
    try {
      const result = await route({ url: req.url ?? "/", headers: new Headers(req.headers as Record<string, string>), rawBody: await readBody(req) });
      res.writeHead(result.status, result.headers).end(result.body);
    } catch (error) {
      // What Next.js does with a handler that throws: 500, which Twilio may retry.
      console.error(`[harness] ${path} answered 500: ${(error as Error).message.split("\n").filter(Boolean).at(-1)}`);
      res.writeHead(500).end(String(error));
    }
  };
  handler = appHandler;

  const control = jsonClient(engine.url);
  const fake = jsonClient(twilio.url);
  const sync = await control<{ ok: boolean; message: string }>("/control/apps/sync", { url: `${appUrl}/api/inngest` });
  if (!sync.ok) throw new Error(`the app did not sync with the local engine: ${sync.message}`);

  return {
    appUrl,
    serveInvocations: () => invocations,
    beforeInngestAnswer: (hook) => {
      beforeAnswer = hook;
    },
    engine,
    twilio,
    control,
    fake,
    advanceClock: (duration) => control("/control/clock/advance", { duration }).then(() => undefined),
    async stopApp() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async startApp() {
      server = createServer((req, res) => handler(req, res));
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await twilio.close();
      await engine.close();
    },
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
