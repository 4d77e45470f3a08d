import { env } from "../env";
import { AppError } from "../errors";
import { createTwilioClient } from "../messaging/default-transport";

/**
 * The app's side of Twilio's phone-number APIs (AvailablePhoneNumbers, IncomingPhoneNumbers),
 * through the real `twilio` client — real Twilio with credentials, the fake Twilio without.
 * Errors come back as AppErrors that say what happened and what to do.
 */

/** Twilio retries a webhook only when its URL says so (connection overrides, README "Twilio"). */
export const CONNECTION_OVERRIDES = "#rc=3&rp=5xx,ct,rt";

/** Where a number's webhooks must point for Ringback to see its calls and texts. */
export function appWebhooks() {
  const base = env.PUBLIC_BASE_URL.replace(/\/$/, "");
  return {
    voiceUrl: `${base}/api/twilio/voice${CONNECTION_OVERRIDES}`,
    statusCallback: `${base}/api/twilio/call-status${CONNECTION_OVERRIDES}`,
    smsUrl: `${base}/api/twilio/sms${CONNECTION_OVERRIDES}`,
  };
}
export type WebhookField = keyof ReturnType<typeof appWebhooks>;
export const webhookLabels: Record<WebhookField, string> = { voiceUrl: "voice URL", statusCallback: "call status callback", smsUrl: "messaging URL" };

/** A number's configuration as Twilio reports it. */
export interface TwilioNumberConfig {
  sid: string;
  e164: string;
  friendlyName: string;
  voiceUrl: string;
  statusCallback: string;
  smsUrl: string;
}

const numberWords: Record<number, string> = {
  20003: "Twilio refused the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.",
  20404: "Twilio has no such number on this account any more (released, or moved to another account).",
  21421: "Twilio says that phone number is invalid. Pick a number from the search results.",
  21422: "That number is no longer available: someone else bought it moments ago. Search again and pick another.",
  21450: "Pick a number to buy first.",
  21451: "That is not a North American area code. Enter three digits, such as 415.",
  21452: "Twilio has no numbers left in that area code. Try a neighbouring area code.",
};

/** Turns what the twilio client threw into an AppError a person can act on (`words`: per Twilio error code). */
export function twilioNumberError(error: unknown, wordsByCode: Record<number, string> = numberWords): AppError {
  const e = error as { status?: number; code?: number | string; message?: string };
  if (typeof e.status === "number") {
    const code = typeof e.code === "number" ? e.code : null;
    const words = (code && (wordsByCode[code] ?? numberWords[code])) || (e.status >= 500 ? `Twilio answered ${e.status} (a problem on their side). Try again in a minute.` : `Twilio refused: ${e.message ?? "no reason given"}.`);
    return new AppError(e.status === 404 ? "NOT_FOUND" : "BAD_REQUEST", code ? `${words} (Twilio error ${code})` : words, { twilioCode: code });
  }
  return new AppError("PRECONDITION_FAILED", `Could not reach Twilio (${typeof e.code === "string" ? e.code : e.message}). Check the connection and try again.`);
}

export async function twilioCall<T>(fn: () => Promise<T>, words?: Record<number, string>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw twilioNumberError(error, words);
  }
}

type IncomingInstance = { sid: string; phoneNumber: string; friendlyName: string; voiceUrl: string; statusCallback: string; smsUrl: string };
const configOf = (n: IncomingInstance): TwilioNumberConfig => ({
  sid: n.sid,
  e164: n.phoneNumber,
  friendlyName: n.friendlyName,
  voiceUrl: n.voiceUrl ?? "",
  statusCallback: n.statusCallback ?? "",
  smsUrl: n.smsUrl ?? "",
});

/** Local US numbers for sale in an area code. */
export async function searchAvailableNumbers(areaCode: string, client = createTwilioClient()) {
  const found = await twilioCall(() => client.availablePhoneNumbers("US").local.list({ areaCode: Number(areaCode), smsEnabled: true, voiceEnabled: true, limit: 10 }));
  return found.map((n) => ({ e164: n.phoneNumber, friendlyName: n.friendlyName, locality: n.locality ?? null, region: n.region ?? null }));
}

/** Buys a number with its webhooks already pointing at the app. */
export async function purchaseNumber(e164: string, friendlyName: string, client = createTwilioClient()) {
  const webhooks = appWebhooks();
  const bought = await twilioCall(() =>
    client.incomingPhoneNumbers.create({
      phoneNumber: e164,
      friendlyName,
      voiceUrl: webhooks.voiceUrl,
      voiceMethod: "POST",
      statusCallback: webhooks.statusCallback,
      statusCallbackMethod: "POST",
      smsUrl: webhooks.smsUrl,
      smsMethod: "POST",
    }),
  );
  return configOf(bought);
}

/** The account's numbers, with where their webhooks point now. */
export async function listAccountNumbers(client = createTwilioClient()) {
  const numbers = await twilioCall(() => client.incomingPhoneNumbers.list({ limit: 200 }));
  return numbers.map(configOf);
}

/** Points an account number's webhooks at the app. */
export async function pointNumberAtApp(sid: string, client = createTwilioClient()) {
  const webhooks = appWebhooks();
  const updated = await twilioCall(() =>
    client.incomingPhoneNumbers(sid).update({
      voiceUrl: webhooks.voiceUrl,
      voiceMethod: "POST",
      statusCallback: webhooks.statusCallback,
      statusCallbackMethod: "POST",
      smsUrl: webhooks.smsUrl,
      smsMethod: "POST",
    }),
  );
  return configOf(updated);
}

export async function fetchNumberConfig(sid: string, client = createTwilioClient()) {
  return configOf(await twilioCall(() => client.incomingPhoneNumbers(sid).fetch()));
}

/** Each webhook compared with where it must point; a fragment-only difference still counts as pointing here. */
export function compareWebhooks(config: Pick<TwilioNumberConfig, WebhookField>) {
  const expected = appWebhooks();
  const strip = (u: string) => u.replace(/#.*$/, "");
  return (Object.keys(expected) as WebhookField[]).map((field) => ({
    field,
    label: webhookLabels[field],
    expected: expected[field],
    actual: config[field],
    ok: strip(config[field]) === strip(expected[field]),
    /** Points at the app, but without the connection overrides that make Twilio retry. */
    missingOverrides: strip(config[field]) === strip(expected[field]) && config[field] !== expected[field],
  }));
}
