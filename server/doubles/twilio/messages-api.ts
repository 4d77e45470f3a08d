import type { IncomingMessage, ServerResponse } from "node:http";
import twilio from "twilio";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { countSegments } from "../../flows/model/sms-segments";
import { asyncErrors, errorBody, syncErrors } from "./twilio-errors";
import { newSid, type FakeMessage, type FakeTwilioState } from "./state";

/**
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, answered as Twilio does: HTTP Basic auth
 * with the account SID and auth token, a form body, 201 with the message JSON, error JSON with
 * Twilio's codes, then signed status callbacks (queued → sent → delivered, or undelivered/failed
 * with an ErrorCode).
 */
export interface MessagesApiOptions {
  accountSid: string;
  authToken: string;
  /** Delay between status callbacks. */
  statusDelayMs: number;
}

const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "+0000");

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function messageJson(m: FakeMessage, accountSid: string) {
  return {
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    body: m.body,
    status: m.status,
    num_segments: String(m.numSegments),
    num_media: "0",
    direction: m.direction,
    api_version: "2010-04-01",
    price: null,
    price_unit: "USD",
    error_code: m.errorCode,
    error_message: null,
    date_created: rfc2822(new Date(m.dateCreated)),
    date_updated: rfc2822(new Date(m.dateCreated)),
    date_sent: m.status === "queued" ? null : rfc2822(new Date(m.dateCreated)),
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
  };
}

export async function createMessage(state: FakeTwilioState, options: MessagesApiOptions, req: IncomingMessage, res: ServerResponse, pathSid: string, form: URLSearchParams) {
  state.requests++;
  const latency = state.latency.get(form.get("To") ?? "");
  if (latency) await new Promise((r) => setTimeout(r, latency));
  const auth = req.headers.authorization ?? "";
  const [user, pass] = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString().split(":");
  if (user !== options.accountSid || pass !== options.authToken || pathSid !== options.accountSid) {
    return send(res, 401, errorBody(20003, 401, "Authenticate"));
  }
  const injected = state.injected.shift();
  if (injected === 429) return send(res, 429, errorBody(20429, 429, "Too Many Requests"));
  if (typeof injected === "number") return send(res, injected, errorBody(20500, injected, "Internal Server Error"));

  const to = form.get("To") ?? "";
  const from = form.get("From");
  const service = form.get("MessagingServiceSid");
  const body = form.get("Body") ?? "";
  if (!to) return send(res, 400, errorBody(21604, 400, "A 'To' phone number is required."));
  if (!from && !service) return send(res, 400, errorBody(21603, 400, "A 'From' phone number is required."));
  if (!body) return send(res, 400, errorBody(21602, 400, "Message body is required."));
  if (!parsePhoneNumberFromString(to)?.isValid()) return send(res, 400, errorBody(21211, 400, `The 'To' number ${to} is not a valid phone number.`));
  const scripted = state.failures.get(to);
  if (scripted && syncErrors[scripted]) {
    const e = syncErrors[scripted];
    return send(res, e.status, errorBody(scripted, e.status, e.message));
  }

  const message: FakeMessage = {
    sid: newSid("SM"),
    direction: "outbound-api",
    from: from ?? service!,
    to,
    body,
    status: "queued",
    errorCode: null,
    numSegments: countSegments(body).segments,
    statusCallback: form.get("StatusCallback"),
    messagingServiceSid: service,
    validityPeriod: form.get("ValidityPeriod") ? Number(form.get("ValidityPeriod")) : null,
    dateCreated: new Date().toISOString(),
  };
  state.messages.push(message);
  // "reset": Twilio took the text, but the connection drops before its answer reaches the app.
  if (injected === "reset") req.socket.destroy();
  else send(res, 201, messageJson(message, options.accountSid));
  void deliver(state, message, scripted && asyncErrors[scripted] ? { status: asyncErrors[scripted], code: scripted } : null, options);
}

/**
 * Walks the message through its statuses, posting a signed callback for each, in order. The
 * statuses move on time whatever happens to the callbacks (held, or failing because the app is
 * down): Twilio knows what became of a text even when the app never heard.
 */
async function deliver(state: FakeTwilioState, message: FakeMessage, failure: { status: string; code: number } | null, options: MessagesApiOptions) {
  const steps: [string, number | null][] = failure ? [["sent", null], [failure.status, failure.code]] : [["sent", null], ["delivered", null]];
  let callbacks = Promise.resolve();
  for (const [status, code] of steps) {
    await new Promise((r) => setTimeout(r, options.statusDelayMs));
    message.status = status;
    message.errorCode = code;
    const url = message.statusCallback;
    if (!url) continue;
    const params: Record<string, string> = {
      AccountSid: options.accountSid,
      ApiVersion: "2010-04-01",
      From: message.from,
      To: message.to,
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: status,
      SmsStatus: status,
      ...(code ? { ErrorCode: String(code) } : {}),
    };
    callbacks = callbacks.then(async () => {
      await state.callbackMayGo();
      await postSigned(url, params, options.authToken).catch((error) => {
        console.warn(`[fake-twilio] status callback to ${url} failed: ${(error as Error).message}`);
      });
    });
  }
  await callbacks;
}

/** POSTs a form to the app, signed the way Twilio signs webhooks. */
export async function postSigned(url: string, params: Record<string, string>, authToken: string) {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text() };
}
