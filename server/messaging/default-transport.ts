import twilio from "twilio";
import { env, twilioIsFake } from "../env";
import { explainTwilioError } from "./twilio-errors";
import { SmsSendError, type SmsTransport } from "./transport";

/**
 * The one place that decides where texts go: real Twilio when TWILIO_ACCOUNT_SID and
 * TWILIO_AUTH_TOKEN are set, otherwise the local fake Twilio (FAKE_TWILIO_URL). Both are reached
 * through the real `twilio` client; for the fake, its request client only swaps the host.
 */
class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  request<T>(opts: Parameters<twilio.RequestClient["request"]>[0]) {
    const local = { ...opts, uri: String(opts.uri).replace(/^https:\/\/[^/]+/, this.baseUrl) };
    return super.request<T>(local as Parameters<twilio.RequestClient["request"]>[0] & { data?: T });
  }
}

export function createTwilioClient() {
  if (!twilioIsFake()) return twilio(env.TWILIO_ACCOUNT_SID!, env.TWILIO_AUTH_TOKEN!);
  return twilio(env.FAKE_TWILIO_ACCOUNT_SID, env.FAKE_TWILIO_AUTH_TOKEN, {
    httpClient: new LocalRequestClient(env.FAKE_TWILIO_URL.replace(/\/$/, "")),
  });
}

/**
 * Connection errors before the request was written mean nothing was sent; after, nobody knows. A
 * timeout (axios: ECONNABORTED / ETIMEDOUT) or a reset comes after: Twilio may have the text.
 */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function twilioTransport(client = createTwilioClient()): SmsTransport {
  return {
    async send(sms) {
      try {
        const message = await client.messages.create({
          to: sms.to,
          body: sms.body,
          statusCallback: sms.statusCallback,
          ...(sms.from ? { from: sms.from } : {}),
          ...(sms.messagingServiceSid ? { messagingServiceSid: sms.messagingServiceSid } : {}),
          ...(sms.validityPeriodSeconds ? { validityPeriod: sms.validityPeriodSeconds } : {}),
        });
        return { sid: message.sid, status: message.status, segments: Number(message.numSegments) || 0 };
      } catch (error) {
        const e = error as { status?: number; code?: number | string; message?: string };
        if (typeof e.status === "number") {
          const info = explainTwilioError(typeof e.code === "number" ? e.code : null, e.status);
          throw new SmsSendError(`${info.code ? `${info.code}: ` : ""}${info.explanation}`, info.code || null, info.permanent);
        }
        const code = typeof e.code === "string" ? e.code : "";
        if (NOT_SENT.has(code)) throw new SmsSendError(`Could not reach Twilio (${code}).`, null, false);
        throw new SmsSendError(`the connection to Twilio failed after the text was sent to it (${code || e.message}); it may or may not go out.`, null, true, true);
      }
    },
  };
}

let shared: SmsTransport | null = null;
export const defaultSmsTransport = () => (shared ??= twilioTransport());
