import twilio from "twilio";
import { z } from "zod";
import { env, twilioIsFake } from "../env";
import { readBodyWithin } from "../security/body-limit";

/**
 * Every Twilio webhook goes through here first: the signature is checked against the configured
 * public base URL (what Twilio signed — not req.url, which a proxy may have rewritten) with the
 * account's auth token, then the form body is parsed. A request that fails either changes nothing.
 */
export interface WebhookRequest {
  /** The request URL as the app received it: only its path and query are used. */
  url: string;
  headers: Headers;
  rawBody: string;
  /** Set when the body passed the size limit and was not read to its end. */
  tooLarge?: boolean;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Twilio's largest webhook (a long transcript, every parameter) is a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export const twiml = (xml: string, status = 200): WebhookResponse => ({ status, headers: { "content-type": "text/xml" }, body: xml });
export const emptyTwiml = () => twiml('<?xml version="1.0" encoding="UTF-8"?><Response/>');
const refuse = (status: number, message: string): WebhookResponse => ({ status, headers: { "content-type": "text/plain" }, body: message });

export const twilioAuthToken = () => (twilioIsFake() ? env.FAKE_TWILIO_AUTH_TOKEN : env.TWILIO_AUTH_TOKEN!);

/** The URL Twilio signed: the public base URL with this request's path and query. */
export function signedUrlOf(requestUrl: string): string {
  const { pathname, search } = new URL(requestUrl, "http://placeholder");
  return `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}${pathname}${search}`;
}

/** Verifies and parses a webhook; `response` is set when it must be refused. */
export function readWebhook<S extends z.ZodType>(
  request: WebhookRequest,
  schema: S,
): { ok: true; params: z.infer<S>; raw: Record<string, string> } | { ok: false; response: WebhookResponse } {
  if (request.tooLarge || Buffer.byteLength(request.rawBody) > MAX_WEBHOOK_BODY_BYTES) return { ok: false, response: refuse(413, "Body too large for a Twilio webhook.") };
  const raw = Object.fromEntries(new URLSearchParams(request.rawBody));
  const signature = request.headers.get("x-twilio-signature");
  if (!signature || !twilio.validateRequest(twilioAuthToken(), signature, signedUrlOf(request.url), raw)) {
    console.warn(`[twilio] refused ${new URL(request.url, "http://x").pathname}: ${signature ? "bad" : "missing"} X-Twilio-Signature`);
    return { ok: false, response: refuse(403, "Invalid Twilio signature.") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || "body").join(", ");
    return { ok: false, response: refuse(400, `Malformed Twilio webhook: check ${fields}.`) };
  }
  return { ok: true, params: parsed.data, raw };
}

/** Adapts a Next.js route handler to a webhook handler; reading stops at the size limit. */
export async function toWebhookRequest(req: Request): Promise<WebhookRequest> {
  const body = await readBodyWithin(req, MAX_WEBHOOK_BODY_BYTES);
  if (!body.ok) return { url: req.url, headers: req.headers, rawBody: "", tooLarge: true };
  return { url: req.url, headers: req.headers, rawBody: new TextDecoder().decode(body.bytes) };
}

// A 204 must have no body at all (the Response constructor throws on an empty string).
export const toResponse = (r: WebhookResponse) => new Response(r.status === 204 ? null : r.body, { status: r.status, headers: r.headers });
