import { parseRetryAfter } from "./durations";
import type { SerializedError } from "./types";

/** A step operation as the SDK reports it in a 206 body or a checkpoint. */
export interface Op {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
  timing?: unknown;
  userland?: { id?: string; index?: number };
}

/** What one call to the app's serve handler came to. */
export type CallOutcome =
  | { kind: "ops"; ops: Op[]; retryAfterMs?: number }
  | { kind: "done"; data: unknown }
  | { kind: "error"; retriable: boolean; error: SerializedError; retryAfterMs?: number; status: number }
  /** The app could not be reached at all: its code did not run. */
  | { kind: "unreachable"; reason: string }
  /** The app answered, but not in the protocol (HTML error page, wrong status, broken JSON, timeout). */
  | { kind: "bad-response"; reason: string };

const SDK_HEADERS = {
  "content-type": "application/json",
  // The SDK checks for this to know the caller is a dev server, and skips signature checks.
  "x-inngest-server-kind": "dev",
  "user-agent": "local-inngest",
};

/** POSTs a call request to the app and classifies the answer; never throws. */
export async function callApp(url: string, body: unknown, timeoutMs: number, now: () => number): Promise<CallOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { ...SDK_HEADERS, "x-inngest-req-version": "2" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return transportFailure(error, timeoutMs);
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { kind: "bad-response", reason: `the app's answer broke off: ${describe(error)}` };
  }
  return classify(response.status, response.headers, text, now());
}

function classify(status: number, headers: Headers, text: string, now: number): CallOutcome {
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now);
  const noRetry = headers.get("x-inngest-no-retry");

  // With INNGEST_STREAMING the SDK answers 201 at once, sends spaces as heartbeats, and ends the
  // body with the real answer as JSON `{ status, headers, body }`.
  if (status === 201) {
    const wrapped = parseJson(text.trim());
    if (!wrapped.ok || !isRecord(wrapped.value) || typeof wrapped.value.status !== "number") {
      return { kind: "bad-response", reason: `streamed answer was not a wrapped response: ${snippet(text)}` };
    }
    const inner = wrapped.value;
    const innerHeaders = new Headers((isRecord(inner.headers) ? inner.headers : {}) as Record<string, string>);
    const innerBody = typeof inner.body === "string" ? inner.body : JSON.stringify(inner.body ?? null);
    return classify(inner.status as number, innerHeaders, innerBody, now);
  }

  const json = parseJson(text);

  if (status === 206) {
    if (!json.ok) return { kind: "bad-response", reason: `206 with a body that is not JSON: ${snippet(text)}` };
    const list = Array.isArray(json.value) ? json.value : [json.value];
    if (!list.every((op) => isRecord(op) && typeof op.id === "string" && typeof op.op === "string")) {
      return { kind: "bad-response", reason: `206 with something other than step ops: ${snippet(text)}` };
    }
    return { kind: "ops", ops: list as Op[], retryAfterMs };
  }

  if (status === 200) {
    if (!json.ok) {
      if (text.trim() === "") return { kind: "done", data: null };
      return { kind: "bad-response", reason: `200 with a body that is not JSON: ${snippet(text)}` };
    }
    return { kind: "done", data: json.value };
  }

  if (status >= 400 && json.ok && isRecord(json.value) && (noRetry !== null || headers.has("x-inngest-sdk"))) {
    return {
      kind: "error",
      retriable: noRetry !== "true",
      error: toSerializedError(json.value, status),
      retryAfterMs,
      status,
    };
  }

  // Anything else did not come from the SDK: a framework error page, a proxy, a 404 while the dev
  // server compiles the route. The function may not even have started, so it is worth retrying.
  return { kind: "bad-response", reason: `unexpected ${status} answer${json.ok ? "" : " (not JSON)"}: ${snippet(text)}` };
}

/** Errors of a connection that was never made: the app did not get the request. */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

function transportFailure(error: unknown, timeoutMs: number): CallOutcome {
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    // It may have run: a timeout counts as a failed attempt, not as "app down".
    return { kind: "bad-response", reason: `no answer within ${Math.round(timeoutMs / 1000)}s` };
  }
  const code = ((error as { cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code) as string | undefined;
  if (code && NEVER_CONNECTED.has(code)) return { kind: "unreachable", reason: describe(error) };
  // Connected, then the connection broke (the app died mid-request, say): its code may have run part
  // of the step, so this is a failed attempt, as Inngest counts it — not "app down".
  return { kind: "bad-response", reason: `the connection to the app broke mid-request (${describe(error)})` };
}

export type SyncOutcome = { ok: boolean; status?: number; message: string; body?: unknown };

/** Asks the app to sync itself (PUT on its serve URL), as the dev server's `-u` flag does. */
export async function requestSync(appUrl: string, timeoutMs = 30_000): Promise<SyncOutcome> {
  try {
    const response = await fetch(appUrl, {
      method: "PUT",
      headers: SDK_HEADERS,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const json = parseJson(text);
    const body = json.ok ? json.value : text;
    const message = isRecord(body) && typeof body.message === "string" ? body.message : snippet(text);
    return { ok: response.ok, status: response.status, message, body };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

export function toSerializedError(value: unknown, status?: number): SerializedError {
  if (isRecord(value)) {
    const message =
      typeof value.message === "string" ? value.message : typeof value.error === "string" ? value.error : undefined;
    return {
      ...value,
      name: typeof value.name === "string" ? value.name : "Error",
      message: message ?? JSON.stringify(value).slice(0, 500),
      stack: typeof value.stack === "string" ? value.stack : undefined,
    };
  }
  if (typeof value === "string") return { name: "Error", message: value };
  return { name: "Error", message: status ? `failed with status ${status}` : "unknown error" };
}

/** "connect ECONNREFUSED 127.0.0.1:3000" rather than undici's bare "fetch failed". */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || "(empty body)";
}
