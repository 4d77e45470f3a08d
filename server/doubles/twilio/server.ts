import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMessage, type MessagesApiOptions } from "./messages-api";
import { fetchMessage, listMessages } from "./messages-read";
import { addMessagingService, messagingServicesApi, setCampaignStatus } from "./messaging-services-api";
import { addOwnedNumber, numbersApi } from "./numbers-api";
import { placeCall, sendInboundSms, type CallOutcome, type PhoneOptions } from "./phone";
import { refuseUnsafeDevRequest } from "../../security/dev-server-guard";
import { FakeTwilioState } from "./state";

/**
 * The fake Twilio: a local HTTP server that the real `twilio` client talks to (through its
 * httpClient), plus a control API under /_fake/ for tests and the phone simulator page.
 * It is a test double of Twilio, used only when no Twilio credentials are configured.
 */
export interface FakeTwilioOptions {
  port?: number;
  host?: string;
  /** Where the app's webhooks live (…/api/twilio/voice, /sms, …). */
  appBaseUrl: string;
  accountSid: string;
  authToken: string;
  statusDelayMs?: number;
  advancedOptOut?: boolean;
  /** What an earlier fake on this port remembered (a test that stops Twilio and starts it again). */
  state?: FakeTwilioState;
}

export interface FakeTwilio {
  url: string;
  state: FakeTwilioState;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage, limit = 256 * 1024) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString();
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const state = options.state ?? new FakeTwilioState();
  const api: MessagesApiOptions = { accountSid: options.accountSid, authToken: options.authToken, statusDelayMs: options.statusDelayMs ?? 50 };
  const phone: PhoneOptions = {
    accountSid: options.accountSid,
    authToken: options.authToken,
    appBaseUrl: options.appBaseUrl.replace(/\/$/, ""),
    advancedOptOut: options.advancedOptOut ?? false,
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://fake");
      // The Messages API takes the twilio client's form posts; /_fake/* is JSON. Neither is for web pages.
      const refusal = refuseUnsafeDevRequest(req, { requireJson: url.pathname.startsWith("/_fake/") });
      if (refusal) return json(res, refusal.status, { error: refusal.message });
      const body = req.method === "POST" ? await readBody(req) : "";
      if (numbersApi(state, options.accountSid, options.authToken, req, res, url, body)) return;
      if (messagingServicesApi(state, options.accountSid, options.authToken, req, res, url)) return;
      const messages = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
      if (messages && req.method === "POST") return createMessage(state, api, req, res, messages[1], new URLSearchParams(body));
      if (messages && req.method === "GET") return listMessages(state, api, req, res, messages[1], url.searchParams);
      const one = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/);
      if (one && req.method === "GET") return fetchMessage(state, api, req, res, one[1], one[2]);
      if (!url.pathname.startsWith("/_fake/")) return json(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
      return await control(url, req.method ?? "GET", body ? JSON.parse(body) : {}, res);
    } catch (error) {
      json(res, 400, { error: (error as Error).message });
    }
  });

  async function control(url: URL, method: string, input: Record<string, unknown>, res: ServerResponse) {
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case "GET /_fake/health":
        return json(res, 200, { ok: true, messages: state.messages.length, requests: state.requests });
      case "GET /_fake/messages": {
        const to = url.searchParams.get("to");
        const from = url.searchParams.get("from");
        return json(res, 200, { messages: state.messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)) });
      }
      case "GET /_fake/threads":
        return json(res, 200, { messages: state.thread(url.searchParams.get("number") ?? "", url.searchParams.get("other") ?? undefined) });
      case "GET /_fake/calls":
        return json(res, 200, { calls: state.calls });
      case "POST /_fake/reset":
        state.reset();
        return json(res, 200, { ok: true });
      case "POST /_fake/failures": {
        const to = String(input.to);
        if (input.code == null) state.failures.delete(to);
        else state.failures.set(to, Number(input.code));
        return json(res, 200, { failures: Object.fromEntries(state.failures) });
      }
      case "POST /_fake/callbacks":
        // hold: status callbacks wait (as if Twilio were slow); released, they go, and fail if the app is down.
        if (input.hold) state.holdCallbacks();
        else state.releaseCallbacks();
        return json(res, 200, { held: state.callbacksHeld() });
      case "POST /_fake/latency": {
        // A slow Twilio for texts to one number: the request is answered `ms` later (0 or null: at once).
        const to = String(input.to);
        if (!input.ms) state.latency.delete(to);
        else state.latency.set(to, Number(input.ms));
        return json(res, 200, { latency: Object.fromEntries(state.latency) });
      }
      case "POST /_fake/inject":
        state.injected.push(...(input.statuses as (number | "reset")[]));
        return json(res, 200, { injected: state.injected });
      case "POST /_fake/calls":
        return json(
          res,
          200,
          await placeCall(state, phone, {
            from: String(input.from),
            to: String(input.to),
            outcome: input.outcome as CallOutcome,
            voicemail: (input.voicemail as string | null) ?? null,
            hangUpAt: input.hangUpAt === "greeting" || input.hangUpAt === "ringing" ? input.hangUpAt : null,
            transcribe: input.transcribe !== false,
            forwardedFrom: typeof input.forwardedFrom === "string" ? input.forwardedFrom : null,
            callerName: typeof input.callerName === "string" ? input.callerName : null,
          }),
        );
      case "GET /_fake/numbers":
        return json(res, 200, { numbers: state.numbers });
      case "POST /_fake/numbers":
        return json(res, 200, addOwnedNumber(state, input as { phoneNumber: string; sid?: string; voiceUrl?: string; smsUrl?: string; statusCallback?: string }));
      case "POST /_fake/numbers/taken":
        state.takenElsewhere.add(String(input.phoneNumber));
        return json(res, 200, { taken: [...state.takenElsewhere] });
      case "GET /_fake/messaging-services":
        return json(res, 200, { services: state.messagingServices });
      case "POST /_fake/messaging-services":
        // A Messaging Service in the account; campaignStatus (IN_PROGRESS, VERIFIED, …) registers its A2P campaign.
        return json(res, 200, addMessagingService(state, input as { friendlyName?: string; sid?: string; campaignStatus?: string | null }));
      case "POST /_fake/messaging-services/campaign":
        return json(res, 200, setCampaignStatus(state, { serviceSid: String(input.serviceSid), status: (input.status as string | null) ?? null }));
      case "POST /_fake/sms":
        return json(res, 200, await sendInboundSms(state, phone, { from: String(input.from), to: String(input.to), body: String(input.body) }));
      default:
        return json(res, 404, { error: `No control route ${route}` });
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 4010, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
