import { env } from "../env";

/**
 * Sign-in rate limits that a client cannot talk its way around.
 *
 * Per address: the client's address is read from X-Forwarded-For counting AUTH_TRUSTED_PROXY_HOPS
 * from the right — each trusted proxy appends the address it was called from, so what a client puts
 * in the header itself stays to the left and is never used (rotating it gains nothing, and a
 * multi-address header does not throw everyone into one bucket). With 0 hops (no proxy in front;
 * development) no address can be trusted — Next.js keeps a client's own header — so there is no
 * per-address limit.
 * Per account: attempts per email address, whatever address they come from, so a botnet that
 * rotates real addresses still gets a handful of guesses per account per window.
 *
 * Counters live in this process's memory: with several app instances each counts on its own.
 */
export const CLIENT_IP_HEADER = "x-ringback-client-ip";

/** Sign-in, sign-out and session requests are a few hundred bytes; nothing Better Auth takes needs more. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;

/** The client's address as trusted proxies saw it, or null when none can be trusted. */
export function clientIpOf(headers: Headers, trustedHops: number): string | null {
  if (trustedHops <= 0) return null;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  if (chain.length === 0) return null;
  // Fewer entries than proxies: a proxy did not append (misconfigured); the leftmost is the best there is.
  return chain[Math.max(0, chain.length - trustedHops)];
}

type Window = { count: number; resetAt: number };

/** Fixed-window counters by key. */
export class AttemptCounter {
  private readonly windows = new Map<string, Window>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns the seconds to wait when it is over the limit, else null. */
  hit(key: string): number | null {
    const now = this.now();
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.max ? Math.ceil((window.resetAt - now) / 1000) : null;
  }
}

export interface SignInLimits {
  trustedHops: number;
  perAddress: AttemptCounter;
  perAccount: AttemptCounter;
}

export const ACCOUNT_WINDOW_MINUTES = 15;

export function signInLimitsFromEnv(): SignInLimits {
  return {
    trustedHops: env.AUTH_TRUSTED_PROXY_HOPS,
    perAddress: new AttemptCounter(env.AUTH_SIGN_IN_PER_MINUTE, 60_000),
    perAccount: new AttemptCounter(env.AUTH_SIGN_IN_PER_ACCOUNT, ACCOUNT_WINDOW_MINUTES * 60_000),
  };
}

let shared: SignInLimits | null = null;
/** The process's one set of counters, for every way to sign in (Better Auth's endpoint and the form post): one budget, not one each. */
export function sharedSignInLimits(): SignInLimits {
  return (shared ??= signInLimitsFromEnv());
}

/** A 429 for a sign-in over either limit, or null to let it through. */
export async function limitSignIn(req: Request, limits: SignInLimits): Promise<Response | null> {
  const ip = clientIpOf(req.headers, limits.trustedHops);
  const byAddress = ip ? limits.perAddress.hit(ip) : null;
  const email = await signInEmailOf(req);
  const byAccount = email ? limits.perAccount.hit(email) : null;
  const wait = Math.max(byAddress ?? 0, byAccount ?? 0);
  if (byAddress === null && byAccount === null) return null;
  const message =
    byAccount !== null
      ? `Too many sign-in attempts for this account. Try again in ${Math.ceil(wait / 60)} minute(s), or reset your password.`
      : `Too many sign-in attempts from your network. Try again in ${wait} second(s).`;
  return Response.json({ code: "TOO_MANY_REQUESTS", message }, { status: 429, headers: { "retry-after": String(wait) } });
}

/**
 * The email a sign-in names, read as Better Auth reads it: its email sign-in takes JSON and
 * form-encoded bodies alike, so both count for the account (else a form-encoded guess escapes).
 */
async function signInEmailOf(req: Request): Promise<string | null> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  let email: unknown;
  try {
    const text = await req.clone().text();
    email = type === "application/x-www-form-urlencoded" ? new URLSearchParams(text).get("email") : (JSON.parse(text) as { email?: unknown } | null)?.email;
  } catch {
    // Neither: Better Auth refuses it (415 or 400); nothing to count per account.
  }
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : null;
}

/**
 * The request Better Auth sees: the client address header is set from the trusted chain only (a
 * client's own value is dropped), so Better Auth's other limits and session records use it too.
 */
export async function withTrustedClientIp(req: Request, trustedHops: number): Promise<Request> {
  const headers = new Headers(req.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientIpOf(req.headers, trustedHops);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  // A new Request from parts: `new Request(req, …)` fails on Next.js's own request objects.
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new Request(req.url, { method: req.method, headers, body, signal: req.signal });
}
