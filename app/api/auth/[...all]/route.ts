import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth/auth";
import { AUTH_MAX_BODY_BYTES, limitSignIn, sharedSignInLimits, withTrustedClientIp } from "@/server/auth/sign-in-limit";
import { bodyTooLarge, requestWithin } from "@/server/security/body-limit";

const handlers = toNextJsHandler(auth);
const limits = sharedSignInLimits();

export async function GET(req: Request) {
  return handlers.GET(await withTrustedClientIp(req, limits.trustedHops));
}

export async function POST(incoming: Request) {
  // Better Auth reads bodies whole: read at most AUTH_MAX_BODY_BYTES first.
  const req = await requestWithin(incoming, AUTH_MAX_BODY_BYTES);
  if (!req) return bodyTooLarge(AUTH_MAX_BODY_BYTES);
  if (new URL(req.url).pathname.endsWith("/sign-in/email")) {
    const refused = await limitSignIn(req, limits);
    if (refused) return refused;
  }
  return handlers.POST(await withTrustedClientIp(req, limits.trustedHops));
}
