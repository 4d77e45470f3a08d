import { safeReturnPath } from "./return-path";
import { env } from "../env";
import { auth } from "./auth";
import { bodyTooLarge, requestWithin } from "../security/body-limit";
import { AUTH_MAX_BODY_BYTES, limitSignIn, sharedSignInLimits, withTrustedClientIp } from "./sign-in-limit";

/** Why the form came back, as `/sign-in?error=…` says it (never the email or the password). */
export type SignInFormError = "invalid" | "too-many" | "cross-site";

/**
 * The sign-in form posted by the browser itself (`<form method="post">`): what happens when it is
 * submitted before the page's JavaScript runs, or without JavaScript. The same sign-in as the
 * JavaScript path (Better Auth's email sign-in, the same attempt limits), answered with a redirect:
 * to the return path with the session cookie, or back to the form with an error code. The password
 * travels only in the POST body, never in a URL.
 */
export async function signInWithForm(incoming: Request): Promise<Response> {
  // formData() reads the whole body: read at most AUTH_MAX_BODY_BYTES first.
  const req = await requestWithin(incoming, AUTH_MAX_BODY_BYTES);
  if (!req) return bodyTooLarge(AUTH_MAX_BODY_BYTES);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back("invalid", "/");
  }
  const returnTo = safeReturnPath(String(form.get("next") ?? ""));
  // Signing someone into an account from another site's form ("login CSRF") is refused.
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(env.PUBLIC_BASE_URL).origin && origin !== new URL(req.url).origin) return back("cross-site", returnTo);
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return back("invalid", returnTo);

  const limits = sharedSignInLimits();
  const trusted = await withTrustedClientIp(new Request(req.url, { method: "POST", headers: req.headers, body: JSON.stringify({ email }) }), limits.trustedHops);
  if (await limitSignIn(trusted, limits)) return back("too-many", returnTo);
  const signedIn = await auth.api.signInEmail({ body: { email, password }, headers: trusted.headers, asResponse: true });
  if (!signedIn.ok) return back(signedIn.status === 429 ? "too-many" : "invalid", returnTo);
  const response = redirect(returnTo);
  for (const cookie of signedIn.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}

/** 303: the browser follows with a GET, so a reload never posts the password again. */
const redirect = (path: string) => new Response(null, { status: 303, headers: { location: path } });

function back(error: SignInFormError, returnTo: string) {
  const query = new URLSearchParams({ error, ...(returnTo === "/" ? {} : { next: returnTo }) });
  return redirect(`/sign-in?${query}`);
}
