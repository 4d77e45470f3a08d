import { z } from "zod";

/**
 * The validated environment, read once. Everything has a development default so that
 * `npm run dev` works on a fresh machine; production sets real values.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/ringback"),
  /** Public base URL of the app: Twilio signs webhooks against it, links in texts point at it. */
  PUBLIC_BASE_URL: z.string().url().default("http://localhost:3000"),
  BETTER_AUTH_SECRET: z.string().min(32).default("ringback-development-secret-change-me-in-production"),
  /** Sign-in attempts allowed per client address per minute (the e2e suite, which signs in often, raises it). */
  AUTH_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Sign-in attempts allowed per account (email) per 15 minutes, from any address. */
  AUTH_SIGN_IN_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (e.g. 1 behind one
   * nginx or load balancer; 2 behind a CDN and a load balancer). The client address is the entry
   * that many places from the right. 0: no proxy, no address trusted (development).
   */
  AUTH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Real Twilio when both are set; otherwise the local fake Twilio at FAKE_TWILIO_URL. */
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  FAKE_TWILIO_URL: z.string().url().default("http://127.0.0.1:4010"),
  FAKE_TWILIO_ACCOUNT_SID: z.string().default("AC00000000000000000000000000000000"),
  FAKE_TWILIO_AUTH_TOKEN: z.string().default("fake-twilio-auth-token"),
  /** Inngest: INNGEST_DEV=1 (or a URL) for a dev server / the local engine; otherwise Cloud or self-hosted. */
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("Ringback <notifications@ringback.local>"),
  /** The development mailbox's HTTP API (server/mail/dev-mailbox); the /mailbox page exists while it is set. */
  DEV_MAILBOX_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

function load(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment — fix these variables (see README "Configuration"):\n${lines}`);
  }
  // `next build` also runs with NODE_ENV=production; the secret is only needed by a running server.
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (parsed.data.NODE_ENV === "production" && !building && parsed.data.BETTER_AUTH_SECRET.startsWith("ringback-development")) {
    throw new Error("BETTER_AUTH_SECRET must be set to a random value of 32+ characters in production.");
  }
  return parsed.data;
}

export const env: Env = load();
export const twilioIsFake = () => !(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN);
