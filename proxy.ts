import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "./server/security/headers";

/**
 * Every page gets a fresh nonce and a Content-Security-Policy that allows only scripts carrying it
 * (Next.js reads the policy from the request headers and puts the nonce on its own scripts), and
 * hands its path and query to the server components (`x-ringback-path`), so that a page that finds
 * no session can send the person to sign in and back to where they were going: the run link in a
 * staff alert lands on that run after sign-in.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = servedOverHttps(process.env.PUBLIC_BASE_URL);
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-ringback-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  // Read at run time (not build time, as next.config headers are): HSTS only where https is served.
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Pages only: not API routes, build assets, or prefetches (which reuse the page's policy).
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
