import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth/auth";
import { limitSignIn, sharedSignInLimits, withTrustedClientIp } from "@/server/auth/sign-in-limit";

const handlers = toNextJsHandler(auth);
const limits = sharedSignInLimits();

export async function GET(req: Request) {
  return handlers.GET(await withTrustedClientIp(req, limits.trustedHops));
}

export async function POST(req: Request) {
  if (new URL(req.url).pathname.endsWith("/sign-in/email")) {
    const refused = await limitSignIn(req, limits);
    if (refused) return refused;
  }
  return handlers.POST(await withTrustedClientIp(req, limits.trustedHops));
}
