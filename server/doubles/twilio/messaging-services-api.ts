import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "./twilio-errors";
import type { FakeTwilioState } from "./state";

/**
 * Twilio's Messaging Services API (host messaging.twilio.com), answered as Twilio does:
 * - `GET /v1/Services` — the account's Messaging Services, in a v1 page (`services`, `meta`)
 * - `GET /v1/Services/{MG…}` — one service; an unknown SID is 404 with code 20404
 * - `GET /v1/Services/{MG…}/Compliance/Usa2p` — its US A2P 10DLC campaign(s) (`compliance`, `meta`)
 * A service's campaign status is set by the control API (`POST /_fake/messaging-services/campaign`),
 * as The Campaign Registry's review would set it: IN_PROGRESS, VERIFIED, FAILED, …
 */
export interface FakeMessagingService {
  sid: string;
  friendlyName: string;
  dateCreated: string;
  /** Its A2P campaign, or null when none was ever registered on it. */
  campaign: { sid: string; brandSid: string; status: string; dateCreated: string; dateUpdated: string } | null;
}

const hex = () => Array.from({ length: 32 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
const BASE = "https://messaging.twilio.com/v1";

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The v1 page envelope: the list under its key, and `meta` with the paging links. */
function v1Page(key: string, items: unknown[], path: string) {
  const url = `${BASE}${path}?PageSize=50&Page=0`;
  return { [key]: items, meta: { page: 0, page_size: 50, first_page_url: url, previous_page_url: null, url, next_page_url: null, key } };
}

function serviceJson(s: FakeMessagingService, accountSid: string) {
  return {
    sid: s.sid,
    account_sid: accountSid,
    friendly_name: s.friendlyName,
    date_created: s.dateCreated,
    date_updated: s.dateCreated,
    inbound_request_url: null,
    inbound_method: "POST",
    fallback_url: null,
    fallback_method: "POST",
    status_callback: null,
    sticky_sender: true,
    mms_converter: true,
    smart_encoding: true,
    scan_message_content: "inherit",
    fallback_to_long_code: true,
    area_code_geomatch: true,
    synchronous_validation: false,
    validity_period: 14400,
    url: `${BASE}/Services/${s.sid}`,
    links: {
      phone_numbers: `${BASE}/Services/${s.sid}/PhoneNumbers`,
      us_app_to_person: `${BASE}/Services/${s.sid}/Compliance/Usa2p`,
      us_app_to_person_usecases: `${BASE}/Services/${s.sid}/Compliance/Usa2p/Usecases`,
    },
    usecase: "notifications",
    us_app_to_person_registered: s.campaign !== null,
    use_inbound_webhook_on_number: true,
  };
}

function campaignJson(s: FakeMessagingService, accountSid: string) {
  const c = s.campaign!;
  return {
    sid: c.sid,
    account_sid: accountSid,
    brand_registration_sid: c.brandSid,
    messaging_service_sid: s.sid,
    description: "Texts back callers whose call the business missed",
    message_samples: ["Sorry we missed your call — this is the business. How can we help? Reply STOP to opt out."],
    us_app_to_person_usecase: "CUSTOMER_CARE",
    has_embedded_links: false,
    has_embedded_phone: false,
    subscriber_opt_in: true,
    age_gated: false,
    direct_lending: false,
    campaign_status: c.status,
    campaign_id: c.status === "VERIFIED" ? "CFAKE01" : null,
    is_externally_registered: false,
    rate_limits: c.status === "VERIFIED" ? { att: { mps: 4, msg_class: "E" }, tmobile: { brand_tier: "LOW" } } : null,
    message_flow: "The caller phoned the business; the text answers that call.",
    opt_in_message: null,
    opt_out_message: null,
    help_message: null,
    opt_in_keywords: null,
    opt_out_keywords: null,
    help_keywords: null,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    url: `${BASE}/Services/${s.sid}/Compliance/Usa2p/${c.sid}`,
    mock: false,
    errors: c.status === "FAILED" ? [{ code: 30896, message: "The campaign was rejected: the message samples do not match the use case." }] : [],
    privacy_policy_url: null,
    terms_and_conditions_url: null,
  };
}

/** Answers a Messaging Services request, or returns false when the path is not one of them. */
export function messagingServicesApi(state: FakeTwilioState, accountSid: string, authToken: string, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const path = url.pathname;
  const match = path.match(/^\/v1\/Services(?:\/([^/]+)(\/Compliance\/Usa2p)?)?$/);
  if (!match) return false;
  const [user, pass] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":");
  if (user !== accountSid || pass !== authToken) {
    send(res, 401, errorBody(20003, 401, "Authenticate"));
    return true;
  }
  if (req.method !== "GET") {
    send(res, 405, errorBody(20004, 405, "Method not allowed"));
    return true;
  }
  const [, sid, usa2p] = match;
  if (!sid) {
    send(res, 200, v1Page("services", state.messagingServices.map((s) => serviceJson(s, accountSid)), "/Services"));
    return true;
  }
  const service = state.messagingServices.find((s) => s.sid === sid);
  if (!service) {
    send(res, 404, errorBody(20404, 404, `The requested resource ${path} was not found`));
    return true;
  }
  if (usa2p) send(res, 200, v1Page("compliance", service.campaign ? [campaignJson(service, accountSid)] : [], `/Services/${sid}/Compliance/Usa2p`));
  else send(res, 200, serviceJson(service, accountSid));
  return true;
}

/** Control API: a Messaging Service in the account, optionally with a campaign in the given status. */
export function addMessagingService(state: FakeTwilioState, input: { friendlyName?: string; sid?: string; campaignStatus?: string | null }) {
  const now = new Date().toISOString();
  const service: FakeMessagingService = { sid: input.sid ?? `MG${hex()}`, friendlyName: input.friendlyName ?? "Messaging Service", dateCreated: now, campaign: null };
  if (!/^MG[0-9a-f]{32}$/.test(service.sid)) throw new Error("sid must be MG followed by 32 lower-case hex characters");
  if (state.messagingServices.some((s) => s.sid === service.sid)) throw new Error(`${service.sid} exists already`);
  state.messagingServices.push(service);
  if (input.campaignStatus) setCampaignStatus(state, { serviceSid: service.sid, status: input.campaignStatus });
  return service;
}

const CAMPAIGN_STATUSES = ["PENDING", "IN_PROGRESS", "VERIFIED", "FAILED", "SUSPENDED", "EXPIRED"];

/** Control API: what the campaign's review decided (null removes the campaign). */
export function setCampaignStatus(state: FakeTwilioState, input: { serviceSid: string; status: string | null }) {
  const service = state.messagingServices.find((s) => s.sid === input.serviceSid);
  if (!service) throw new Error(`No Messaging Service ${input.serviceSid} in the fake account`);
  if (input.status === null) {
    service.campaign = null;
    return service;
  }
  if (!CAMPAIGN_STATUSES.includes(input.status)) throw new Error(`status must be one of ${CAMPAIGN_STATUSES.join(", ")} (or null)`);
  const now = new Date().toISOString();
  service.campaign = service.campaign
    ? { ...service.campaign, status: input.status, dateUpdated: now }
    : { sid: `QE${hex()}`, brandSid: `BN${hex()}`, status: input.status, dateCreated: now, dateUpdated: now };
  return service;
}
