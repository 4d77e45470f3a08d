import { NextResponse, type NextRequest } from "next/server";

/**
 * Hands each page request's path and query to the server components (`x-ringback-path`), so that a
 * page that finds no session can send the person to sign in and back to where they were going: the
 * run link in a staff alert lands on that run after sign-in. Nothing else happens here.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-ringback-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next's own files or static assets.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|sign-in).*)"],
};
