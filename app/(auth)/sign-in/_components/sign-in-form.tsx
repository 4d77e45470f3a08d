"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/app/_components/auth-client";

/**
 * `returnTo`: where to go once signed in (already checked to be a path on this site). With
 * JavaScript the form signs in through Better Auth's client; submitted before the page is hydrated
 * (or without JavaScript) the browser posts it to /api/sign-in, which answers with a redirect — so
 * the password is never put in a URL, as a form without a method would (GET).
 */
export function SignInForm({ returnTo, initialError = null }: { returnTo: string; initialError?: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
    setPending(false);
    if (error) {
      // Never say which of the two was wrong.
      setError(error.status === 429 ? "Too many attempts. Wait a minute and try again." : "That email and password don't match an account. Check both and try again.");
      return;
    }
    // No router.refresh() after it: the pages behind sign-in were never fetched signed out, and a
    // refresh racing the navigation re-rendered the page just after it appeared.
    router.replace(returnTo);
  }

  return (
    <form method="post" action="/api/sign-in" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="next" value={returnTo} />
      <label className="block">
        <span className="text-sm font-medium text-slate-700">Email</span>
        <input name="email" type="email" autoComplete="email" required className="input mt-1" />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">Password</span>
        <input name="password" type="password" autoComplete="current-password" required className="input mt-1" />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="btn-primary w-full">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
