import type { IncomingMessage, ServerResponse } from "node:http";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { errorBody } from "./twilio-errors";
import type { FakeTwilioState } from "./state";

/**
 * The phone-number APIs, answered as Twilio does (same paths, snake_case JSON, error codes):
 * - `GET  /2010-04-01/Accounts/{sid}/AvailablePhoneNumbers/US/Local.json?AreaCode=415`
 * - `GET  /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json` (optionally `?PhoneNumber=`)
 * - `POST /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json` (buy: PhoneNumber, VoiceUrl, …)
 * - `GET|POST /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers/{PN…}.json` (read, update)
 * Every area code that exists has a few numbers for sale (555-01xx, the fictional range); a number
 * bought, here or by "someone else" (`POST /_fake/numbers/taken`), is no longer for sale (21422).
 */
export interface FakeIncomingNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
  smsUrl: string;
  smsMethod: string;
  dateCreated: string;
  dateUpdated: string;
}

const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "+0000");
const hex = () => Array.from({ length: 32 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A North American area code as Twilio takes it: three digits, first 2–9, not an N11 service code. */
const validAreaCode = (code: string) => /^[2-9]\d{2}$/.test(code) && !/^[2-9]11$/.test(code);

/** The numbers the fake offers in an area code: 555-0100 … 555-0199 that are valid and not owned. */
function forSale(state: FakeTwilioState, areaCode: string, limit: number) {
  const out: string[] = [];
  for (let line = 100; line < 200 && out.length < limit; line++) {
    const e164 = `+1${areaCode}5550${line}`;
    if (!parsePhoneNumberFromString(e164)?.isValid()) continue;
    if (state.numbers.some((n) => n.phoneNumber === e164) || state.takenElsewhere.has(e164)) continue;
    out.push(e164);
  }
  return out;
}

function incomingJson(n: FakeIncomingNumber, accountSid: string) {
  return {
    sid: n.sid,
    account_sid: accountSid,
    friendly_name: n.friendlyName,
    phone_number: n.phoneNumber,
    voice_url: n.voiceUrl,
    voice_method: n.voiceMethod,
    voice_fallback_url: "",
    voice_fallback_method: "POST",
    voice_caller_id_lookup: false,
    voice_application_sid: "",
    voice_receive_mode: "voice",
    status_callback: n.statusCallback,
    status_callback_method: n.statusCallbackMethod,
    sms_url: n.smsUrl,
    sms_method: n.smsMethod,
    sms_fallback_url: "",
    sms_fallback_method: "POST",
    sms_application_sid: "",
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    address_requirements: "none",
    api_version: "2010-04-01",
    beta: false,
    origin: "twilio",
    status: "in-use",
    trunk_sid: null,
    identity_sid: null,
    address_sid: null,
    bundle_sid: null,
    emergency_status: "Inactive",
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    type: "local",
    date_created: rfc2822(new Date(n.dateCreated)),
    date_updated: rfc2822(new Date(n.dateUpdated)),
    uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${n.sid}.json`,
  };
}

function page(key: string, items: unknown[], uri: string) {
  return { [key]: items, end: Math.max(items.length - 1, 0), first_page_uri: uri, next_page_uri: null, page: 0, page_size: 50, previous_page_uri: null, start: 0, uri };
}

/** Applies the configuration fields of a create/update form (Twilio's parameter names). */
function configure(n: FakeIncomingNumber, form: URLSearchParams) {
  const fields: [keyof FakeIncomingNumber, string][] = [
    ["friendlyName", "FriendlyName"],
    ["voiceUrl", "VoiceUrl"],
    ["voiceMethod", "VoiceMethod"],
    ["statusCallback", "StatusCallback"],
    ["statusCallbackMethod", "StatusCallbackMethod"],
    ["smsUrl", "SmsUrl"],
    ["smsMethod", "SmsMethod"],
  ];
  for (const [field, param] of fields) if (form.has(param)) n[field] = form.get(param)!;
  n.dateUpdated = new Date().toISOString();
}

/** Answers a numbers API request, or returns false when the path is not one of them. */
export function numbersApi(state: FakeTwilioState, accountSid: string, authToken: string, req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
  const path = url.pathname;
  const available = path.match(/^\/2010-04-01\/Accounts\/([^/]+)\/AvailablePhoneNumbers\/([A-Z]{2})\/Local\.json$/);
  const list = path.match(/^\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\.json$/);
  const one = path.match(/^\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/);
  const match = available ?? list ?? one;
  if (!match) return false;

  const [user, pass] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":");
  if (user !== accountSid || pass !== authToken || match[1] !== accountSid) {
    send(res, 401, errorBody(20003, 401, "Authenticate"));
    return true;
  }
  const form = new URLSearchParams(body);

  if (available && req.method === "GET") {
    const areaCode = url.searchParams.get("AreaCode") ?? "";
    if (available[2] !== "US") {
      send(res, 404, errorBody(20404, 404, `The requested resource ${path} was not found`));
      return true;
    }
    if (areaCode && !validAreaCode(areaCode)) {
      send(res, 400, errorBody(21451, 400, "Invalid area code"));
      return true;
    }
    const numbers = forSale(state, areaCode || "415", Number(url.searchParams.get("PageSize") ?? 20)).map((e164) => ({
      friendly_name: parsePhoneNumberFromString(e164)!.formatNational(),
      phone_number: e164,
      lata: null,
      locality: null,
      rate_center: null,
      latitude: null,
      longitude: null,
      region: null,
      postal_code: null,
      iso_country: "US",
      address_requirements: "none",
      beta: false,
      capabilities: { voice: true, SMS: true, MMS: true },
    }));
    send(res, 200, { uri: `${path}${url.search}`, available_phone_numbers: numbers });
    return true;
  }

  if (list && req.method === "GET") {
    const wanted = url.searchParams.get("PhoneNumber");
    const rows = state.numbers.filter((n) => !wanted || n.phoneNumber === wanted);
    send(res, 200, page("incoming_phone_numbers", rows.map((n) => incomingJson(n, accountSid)), path));
    return true;
  }

  if (list && req.method === "POST") {
    const phoneNumber = form.get("PhoneNumber") ?? "";
    if (!phoneNumber) {
      send(res, 400, errorBody(21450, 400, "Either PhoneNumber or AreaCode is required."));
      return true;
    }
    if (!parsePhoneNumberFromString(phoneNumber)?.isValid()) {
      send(res, 400, errorBody(21421, 400, `PhoneNumber ${phoneNumber} is invalid.`));
      return true;
    }
    if (state.numbers.some((n) => n.phoneNumber === phoneNumber) || state.takenElsewhere.has(phoneNumber)) {
      send(res, 400, errorBody(21422, 400, `PhoneNumber ${phoneNumber} is not available.`));
      return true;
    }
    const now = new Date().toISOString();
    const number: FakeIncomingNumber = {
      sid: `PN${hex()}`,
      phoneNumber,
      friendlyName: parsePhoneNumberFromString(phoneNumber)!.formatNational(),
      voiceUrl: "",
      voiceMethod: "POST",
      statusCallback: "",
      statusCallbackMethod: "POST",
      smsUrl: "",
      smsMethod: "POST",
      dateCreated: now,
      dateUpdated: now,
    };
    configure(number, form);
    state.numbers.push(number);
    send(res, 201, incomingJson(number, accountSid));
    return true;
  }

  if (one) {
    const number = state.numbers.find((n) => n.sid === one[2]);
    if (!number) {
      send(res, 404, errorBody(20404, 404, `The requested resource ${path} was not found`));
      return true;
    }
    if (req.method === "POST") configure(number, form);
    if (req.method === "GET" || req.method === "POST") {
      send(res, 200, incomingJson(number, accountSid));
      return true;
    }
  }
  send(res, 405, errorBody(20004, 405, "Method not allowed"));
  return true;
}

/** Adds a number to the fake account as if it had been bought in Twilio's console (control API). */
export function addOwnedNumber(state: FakeTwilioState, input: { phoneNumber: string; sid?: string; voiceUrl?: string; smsUrl?: string; statusCallback?: string }) {
  const now = new Date().toISOString();
  // A given SID: the account a development database already knows (the fake forgets it on restart).
  if (input.sid !== undefined && !/^PN[0-9a-f]{32}$/.test(input.sid)) throw new Error("sid must be PN followed by 32 lower-case hex characters");
  if (state.numbers.some((n) => n.phoneNumber === input.phoneNumber || n.sid === input.sid)) throw new Error(`${input.phoneNumber} is in the account already`);
  const number: FakeIncomingNumber = {
    sid: input.sid ?? `PN${hex()}`,
    phoneNumber: input.phoneNumber,
    friendlyName: parsePhoneNumberFromString(input.phoneNumber)?.formatNational() ?? input.phoneNumber,
    voiceUrl: input.voiceUrl ?? "https://demo.twilio.com/welcome/voice/",
    voiceMethod: "POST",
    statusCallback: input.statusCallback ?? "",
    statusCallbackMethod: "POST",
    smsUrl: input.smsUrl ?? "https://demo.twilio.com/welcome/sms/reply",
    smsMethod: "POST",
    dateCreated: now,
    dateUpdated: now,
  };
  state.numbers.push(number);
  return number;
}
