import http from "node:http";
import https from "node:https";
import { guardedLookup, literalAddress, refusedAddress, RefusedAddressError, type AddressPolicy } from "./address-guard";
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";

/**
 * One POST of "Send to a webhook": the signed JSON body to the owner's URL, within a time limit,
 * reading at most a bounded answer, through the SSRF guard. It never throws for what the receiver
 * does: it answers `ok`, `final` (do not try again: the flow takes "failed") or `retry` (a 5xx, a
 * timeout, a dropped connection: the step is tried again), each with a reason in words.
 */

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;

export type WebhookRequest = {
  url: string;
  /** The JSON body, exactly as signed and sent. */
  body: string;
  secret: string;
  /** The same on every attempt of one step: `<runId>:<stepId>`. */
  idempotencyKey: string;
  policy: AddressPolicy;
  timeoutMs?: number;
  maxResponseBytes?: number;
  nowSeconds?: () => number;
};

export type WebhookOutcome =
  | { type: "ok"; status: number; json: unknown; note?: string }
  | { type: "final"; status?: number; message: string }
  | { type: "retry"; status?: number; message: string };

export async function postWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { type: "final", message: `"${request.url}" is not a web address: check the URL` };
  }
  for (let hop = 0; ; hop++) {
    const refused = checkUrl(url, request.policy);
    if (refused) return { type: "final", message: refused };
    const outcome = await postOnce(url, request);
    if (outcome.type !== "redirect") return outcome;
    if (hop >= MAX_REDIRECTS) return { type: "final", status: outcome.status, message: `The webhook redirected more than ${MAX_REDIRECTS} times: put the final address in the step` };
    url = outcome.location;
  }
}

/** Scheme, credentials and literal addresses; host names are checked when they are resolved. */
function checkUrl(url: URL, policy: AddressPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${url.protocol.replace(":", "")} addresses are not allowed: use an https:// address`;
  if (url.username || url.password) return "The address carries a user name or password: Ringback signs each request instead (see the signing secret in Settings)";
  const literal = literalAddress(url.hostname);
  const reason = literal && refusedAddress(literal, policy);
  return reason ? new RefusedAddressError(url.hostname, reason).message : null;
}

type Attempt = WebhookOutcome | { type: "redirect"; status: number; location: URL };

function postOnce(url: URL, request: WebhookRequest): Promise<Attempt> {
  const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const maxBytes = request.maxResponseBytes ?? WEBHOOK_MAX_RESPONSE_BYTES;
  const now = request.nowSeconds ?? (() => Date.now() / 1000);
  const body = Buffer.from(request.body, "utf8");
  const client = url.protocol === "https:" ? https : http;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = client.request(url, {
      method: "POST",
      agent: false,
      lookup: guardedLookup(request.policy) as unknown as http.RequestOptions["lookup"],
      headers: {
        "content-type": "application/json",
        "content-length": String(body.length),
        "user-agent": "Ringback-Webhook/1",
        [SIGNATURE_HEADER]: signatureHeader(request.secret, request.body, now()),
        [IDEMPOTENCY_HEADER]: request.idempotencyKey,
      },
    });
    const timer = setTimeout(() => {
      finish({ type: "retry", message: `The webhook did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}` });
      req.destroy();
    }, timeoutMs);

    req.on("error", (error) => finish(connectionFailure(url, error)));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        return finish(redirect(url, status, res.headers.location));
      }
      const declared = Number(res.headers["content-length"]);
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = Number.isFinite(declared) && declared > maxBytes;
      const done = () => finish(answered(status, tooLarge ? null : Buffer.concat(chunks).toString("utf8"), maxBytes));
      if (tooLarge) {
        res.destroy();
        return done();
      }
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge = true;
          res.destroy();
          done();
        } else chunks.push(chunk);
      });
      res.on("end", done);
      res.on("error", (error) => (tooLarge ? done() : finish(connectionFailure(url, error))));
    });
    req.end(body);
  });
}

function redirect(from: URL, status: number, location: string | undefined): Attempt {
  const words = `${status} ${http.STATUS_CODES[status] ?? ""}`.trim();
  let target: URL | null = null;
  try {
    target = location ? new URL(location, from) : null;
  } catch {
    target = null;
  }
  if (!target) return { type: "final", status, message: `The webhook answered ${words} without a valid new address: check the URL` };
  // 307 and 308 keep the method and body; a 301/302/303 would turn the POST into a GET, which no webhook wants.
  if (status === 307 || status === 308) return { type: "redirect", status, location: target };
  return { type: "final", status, message: `The webhook answered ${words}, pointing to ${target.href}: put that address in the step` };
}

function answered(status: number, text: string | null, maxBytes: number): WebhookOutcome {
  const words = `${status} ${http.STATUS_CODES[status] ?? ""}`.trim();
  if (status >= 200 && status < 300) {
    if (text === null) return { type: "ok", status, json: null, note: `its answer was over ${Math.round(maxBytes / 1024)} KB, so no fields were read from it` };
    return { type: "ok", status, json: parseJson(text) };
  }
  const hint = statusHint(status);
  if (status >= 500 || status === 408 || status === 429) return { type: "retry", status, message: `The webhook answered ${words}: ${hint}` };
  return { type: "final", status, message: `The webhook answered ${words}: ${hint}` };
}

function statusHint(status: number): string {
  if (status === 404 || status === 410) return "check the URL";
  if (status === 401 || status === 403) return "the receiver refused it: check that it accepts requests from Ringback (and any key it expects)";
  if (status === 405) return "that address does not take POST requests: check the URL";
  if (status === 400 || status === 415 || status === 422) return "the receiver did not accept the body: check the fields it expects";
  if (status === 413) return "the body is too large for the receiver";
  if (status === 408 || status === 429) return "the receiver is busy; Ringback tries again";
  if (status >= 500) return "the receiver had a problem; Ringback tries again";
  return "check the receiver's settings";
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function connectionFailure(url: URL, error: Error & { code?: string }): WebhookOutcome {
  const host = url.host;
  if (error instanceof RefusedAddressError) return { type: "final", message: error.message };
  switch (error.code) {
    case "ENOTFOUND":
      return { type: "final", message: `There is no such host as ${url.hostname}: check the URL` };
    case "EAI_AGAIN":
      return { type: "retry", message: `Could not look up ${url.hostname} just now; Ringback tries again` };
    case "ECONNREFUSED":
      return { type: "retry", message: `${host} refused the connection; Ringback tries again` };
    case "ECONNRESET":
    case "EPIPE":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return { type: "retry", message: `The connection to ${host} failed (${error.code}); Ringback tries again` };
  }
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT") || error.code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
    return { type: "final", message: `${host}'s HTTPS certificate is not valid (${error.code}): fix the certificate or the URL` };
  }
  return { type: "retry", message: `Could not reach ${host}: ${error.message}` };
}
