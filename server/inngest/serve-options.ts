import { env } from "../env";

/**
 * Where Inngest is told the app's functions live when the app syncs. Taken from PUBLIC_BASE_URL,
 * never from the request: otherwise a `PUT /api/inngest` with a forged Host header makes the app
 * register that host, with its signing key, as the place Inngest sends every run.
 */
export function inngestServeOptions(): { serveOrigin: string; servePath: string } {
  const base = new URL(env.PUBLIC_BASE_URL);
  return { serveOrigin: base.origin, servePath: `${base.pathname.replace(/\/$/, "")}/api/inngest` };
}

/** Inngest's largest run state is 32 MB (its usage limits) plus the call's envelope: no call of Inngest's is larger. */
export const INNGEST_MAX_BODY_BYTES = 40 * 1024 * 1024;
