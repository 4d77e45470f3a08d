import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The app's HTTP side as the integration tests serve it: the app's real Inngest functions behind
 * the SDK's serve handler at /api/inngest and the app's real Twilio webhook handlers, as the Next.js
 * routes call them. Used in the test process (app-harness.ts) and in a child process of its own
 * (app-process-main.ts). The app's modules are imported only when this is called, so the
 * environment (DATABASE_URL, INNGEST_BASE_URL, PUBLIC_BASE_URL, FAKE_TWILIO_URL) must be set first.
 */
export type Route = (r: { url: string; headers: Headers; rawBody: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

export interface AppRoutes {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** How many requests the serve handler (/api/inngest) has answered. */
  invocations(): number;
  /** Runs `hook` after the serve handler answered an engine call and before the answer is sent. */
  beforeInngestAnswer(hook: (() => Promise<void>) | null): void;
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

export async function createAppRoutes(extraRoutes: Record<string, Route> = {}): Promise<AppRoutes> {
  const { serve } = await import("inngest/node");
  const { inngest } = await import("../events/client");
  const { functions } = await import("../inngest/functions");
  const { inngestServeOptions } = await import("../inngest/serve-options");
  const voice = await import("../twilio/webhooks/voice");
  const sms = await import("../twilio/webhooks/sms");
  const status = await import("../twilio/webhooks/status");
  const callStatus = await import("../twilio/webhooks/call-status");
  const inngestHandler = serve({ client: inngest, functions, ...inngestServeOptions() });
  let invocations = 0;
  let beforeAnswer: (() => Promise<void>) | null = null;
  const twilioRoutes: Record<string, Route> = {
    ...extraRoutes,
    "/api/twilio/voice": voice.handleVoice,
    "/api/twilio/dial-result": voice.handleDialResult,
    "/api/twilio/voicemail": voice.handleVoicemail,
    "/api/twilio/sms": sms.handleInboundSms,
    "/api/twilio/status": status.handleMessageStatus,
    "/api/twilio/call-status": callStatus.handleCallStatus,
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
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
    if (!route || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    try {
      const result = await route({ url: req.url ?? "/", headers: new Headers(req.headers as Record<string, string>), rawBody: await readBody(req) });
      res.writeHead(result.status, result.headers).end(result.body);
    } catch (error) {
      // What Next.js does with a handler that throws: 500, which Twilio may retry.
      console.error(`[harness] ${path} answered 500: ${(error as Error).message.split("\n").filter(Boolean).at(-1)}`);
      res.writeHead(500).end(String(error));
    }
  }

  return {
    handle,
    invocations: () => invocations,
    beforeInngestAnswer: (hook) => {
      beforeAnswer = hook;
    },
  };
}
