import type { IncomingMessage, ServerResponse } from "node:http";
import { messageJson, type MessagesApiOptions } from "./messages-api";
import type { FakeTwilioState } from "./state";
import { errorBody } from "./twilio-errors";

/**
 * Reading texts back, as Twilio answers it: `GET …/Messages/{Sid}.json` (one Message, or 404 with
 * code 20404) and `GET …/Messages.json` (newest first, filtered by To, From and DateSent / DateSent<
 * / DateSent>, in pages of PageSize with Twilio's paging fields). Same auth as sending.
 */
function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function authorised(req: IncomingMessage, options: MessagesApiOptions, pathSid: string) {
  const [user, pass] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":");
  return user === options.accountSid && pass === options.authToken && pathSid === options.accountSid;
}

export function fetchMessage(state: FakeTwilioState, options: MessagesApiOptions, req: IncomingMessage, res: ServerResponse, pathSid: string, sid: string) {
  if (!authorised(req, options, pathSid)) return send(res, 401, errorBody(20003, 401, "Authenticate"));
  const message = state.messages.find((m) => m.sid === sid);
  if (!message) return send(res, 404, errorBody(20404, 404, `The requested resource /2010-04-01/Accounts/${pathSid}/Messages/${sid}.json was not found`));
  send(res, 200, messageJson(message, options.accountSid));
}

export function listMessages(state: FakeTwilioState, options: MessagesApiOptions, req: IncomingMessage, res: ServerResponse, pathSid: string, query: URLSearchParams) {
  if (!authorised(req, options, pathSid)) return send(res, 401, errorBody(20003, 401, "Authenticate"));
  const day = (iso: string) => iso.slice(0, 10);
  const at = (value: string | null) => (value ? Date.parse(value) : NaN);
  const to = query.get("To");
  const from = query.get("From");
  const on = query.get("DateSent");
  const before = at(query.get("DateSent<"));
  const after = at(query.get("DateSent>"));
  const matching = [...state.messages]
    .reverse()
    .filter((m) => (!to || m.to === to) && (!from || m.from === from))
    .filter((m) => {
      const sent = Date.parse(m.dateCreated);
      return (!on || day(m.dateCreated) === day(on)) && (Number.isNaN(before) || sent <= before) && (Number.isNaN(after) || sent >= after);
    })
    .sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
  const pageSize = Math.min(1000, Math.max(1, Number(query.get("PageSize") ?? 50) || 50));
  const page = Math.max(0, Number(query.get("Page") ?? 0) || 0);
  const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
  const base = `/2010-04-01/Accounts/${pathSid}/Messages.json`;
  const uriOf = (p: number) => {
    const q = new URLSearchParams(query);
    q.set("PageSize", String(pageSize));
    q.set("Page", String(p));
    if (p > 0) q.set("PageToken", `PA${p}`);
    else q.delete("PageToken");
    return `${base}?${q.toString()}`;
  };
  send(res, 200, {
    messages: slice.map((m) => messageJson(m, options.accountSid)),
    start: page * pageSize,
    end: page * pageSize + Math.max(0, slice.length - 1),
    page,
    page_size: pageSize,
    uri: uriOf(page),
    first_page_uri: uriOf(0),
    previous_page_uri: page > 0 ? uriOf(page - 1) : null,
    next_page_uri: (page + 1) * pageSize < matching.length ? uriOf(page + 1) : null,
  });
}
