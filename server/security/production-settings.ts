/**
 * What production refuses at start-up (README "Deploying to production"). Development doubles —
 * the local engine in Inngest dev mode, the fake Twilio and its committed auth token, the
 * development auth secret — are fine on a developer's machine and dangerous on the internet:
 * in dev mode anyone can POST to /api/inngest and run a flow; with the fake's token anyone can
 * sign a webhook. Deliberately pure (reads only the variables it is given) so it is tested
 * directly; `instrumentation.ts` runs it once when the server starts.
 */

/** Lets a production build run with development doubles (demos, e2e, benchmarks); every page says so. */
export const UNSAFE_OVERRIDE = "RINGBACK_UNSAFE_DEV_IN_PRODUCTION";

/** The development defaults committed in this repository (server/env.ts): never secret. */
const DEV_AUTH_SECRET_PREFIX = "ringback-development";
const COMMITTED_FAKE_TWILIO_TOKEN = "fake-twilio-auth-token";

export interface SettingsProblem {
  variable: string;
  /** What is wrong and what to do, in one sentence. */
  message: string;
  /** Whether RINGBACK_UNSAFE_DEV_IN_PRODUCTION=1 lets the server start anyway. */
  overridable: boolean;
}

export type StartupVerdict =
  | { start: true; unsafe: SettingsProblem[] }
  | { start: false; problems: SettingsProblem[]; message: string };

type Vars = Record<string, string | undefined>;

const set = (value: string | undefined) => value !== undefined && value.trim() !== "";
const truthy = (value: string | undefined) => set(value) && !["0", "false", "no", "off"].includes(value!.trim().toLowerCase());

/** The unsafe settings in `vars`, whatever NODE_ENV says. */
export function productionSettingsProblems(vars: Vars): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (variable: string, message: string, overridable: boolean) => problems.push({ variable, message, overridable });

  const secret = vars.BETTER_AUTH_SECRET;
  if (!set(secret) || secret!.startsWith(DEV_AUTH_SECRET_PREFIX)) {
    add("BETTER_AUTH_SECRET", "is unset or the development default committed in this repository: set 32+ random characters (e.g. `openssl rand -base64 32`).", false);
  } else if (secret!.length < 32) {
    add("BETTER_AUTH_SECRET", `is ${secret!.length} characters long: use 32+ random characters.`, false);
  }

  if (!set(vars.PUBLIC_BASE_URL)) {
    add("PUBLIC_BASE_URL", "is unset: set the exact public https address of the app (Twilio signs webhooks against it; it is the only trusted origin).", false);
  } else if (!/^https:\/\//i.test(vars.PUBLIC_BASE_URL!)) {
    add("PUBLIC_BASE_URL", `is ${vars.PUBLIC_BASE_URL}, not https: serve the app over https and set its https address.`, true);
  }

  if (truthy(vars.INNGEST_DEV)) {
    add("INNGEST_DEV", "turns on Inngest dev mode, in which /api/inngest runs functions for unsigned requests: unset it and set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY.", true);
  } else {
    if (!set(vars.INNGEST_SIGNING_KEY)) add("INNGEST_SIGNING_KEY", "is unset: copy the signing key from Inngest (Cloud or your `inngest start`), so only Inngest can call /api/inngest.", true);
    if (!set(vars.INNGEST_EVENT_KEY)) add("INNGEST_EVENT_KEY", "is unset: create an event key in Inngest, or no missed call can start a flow.", true);
  }

  const hops = Number(vars.AUTH_TRUSTED_PROXY_HOPS ?? "0");
  if (!Number.isInteger(hops) || hops < 1) {
    add("AUTH_TRUSTED_PROXY_HOPS", "is unset or 0: set how many reverse proxies (TLS terminator, load balancer, CDN) append to X-Forwarded-For in front of the app, so sign-in limits key on the client's real address.", true);
  }

  const sid = vars.TWILIO_ACCOUNT_SID;
  const token = vars.TWILIO_AUTH_TOKEN;
  if (!set(sid) || !set(token)) {
    add("TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN", "are unset, so the fake Twilio and its auth token committed in this repository would sign webhooks (anyone could forge them) and the phone simulator would show: set your Twilio account's SID and auth token.", true);
  } else if (token === COMMITTED_FAKE_TWILIO_TOKEN || token === vars.FAKE_TWILIO_AUTH_TOKEN) {
    add("TWILIO_AUTH_TOKEN", "is the fake Twilio's token: set your Twilio account's auth token.", false);
  }
  return problems;
}

/** Whether a server started with `vars` may serve, and what to say either way. */
export function startupVerdict(vars: Vars): StartupVerdict {
  if (vars.NODE_ENV !== "production") return { start: true, unsafe: [] };
  const problems = productionSettingsProblems(vars);
  const overridden = vars[UNSAFE_OVERRIDE] === "1";
  const blocking = problems.filter((p) => !p.overridable || !overridden);
  if (blocking.length === 0) return { start: true, unsafe: problems };
  const lines = blocking.map((p) => `  - ${p.variable} ${p.message}`);
  const overridableOnly = blocking.every((p) => p.overridable);
  const hint = overridableOnly
    ? `For a demo or a test run on a private machine only, ${UNSAFE_OVERRIDE}=1 starts it anyway (every page then says it is unsafe).`
    : `${UNSAFE_OVERRIDE}=1 does not cover ${blocking.filter((p) => !p.overridable).map((p) => p.variable).join(", ")}.`;
  return {
    start: false,
    problems: blocking,
    message: [`Ringback refuses to start in production (NODE_ENV=production) with unsafe settings:`, ...lines, `See README "Deploying to production". ${hint}`].join("\n"),
  };
}

/** What every page shows while the override lets development doubles run in production (null: nothing). */
export function unsafeModeNotice(vars: Vars = process.env): string | null {
  const verdict = startupVerdict(vars);
  if (!verdict.start || verdict.unsafe.length === 0) return null;
  return `Unsafe demo mode: this production server runs with development settings (${verdict.unsafe.map((p) => p.variable).join(", ")}). Do not use it for real customers.`;
}
