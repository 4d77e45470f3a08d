import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PhoneIncoming } from "lucide-react";
import { safeReturnPath } from "@/server/auth/return-path";
import { auth } from "@/server/auth/auth";
import { SignInForm } from "./_components/sign-in-form";

export const metadata = { title: "Sign in" };

/** What the form's own POST (before or without JavaScript) came back with: server/auth/sign-in-form.ts. */
const formErrors: Record<string, string> = {
  invalid: "That email and password don't match an account. Check both and try again.",
  "too-many": "Too many attempts. Wait a minute and try again.",
  "cross-site": "That sign-in came from another site. Sign in here instead.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> }) {
  const { next, error } = await searchParams;
  const returnTo = safeReturnPath(typeof next === "string" ? next : null);
  const session = await auth.api.getSession({ headers: await headers() });
  if (session) redirect(returnTo);
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-slate-900 via-slate-800 to-brand-700 px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-white">
          <span className="flex h-10 w-10 items-center justify-center rounded-xl bg-white/10 ring-1 ring-white/20">
            <PhoneIncoming className="h-5 w-5" />
          </span>
          <span className="text-2xl font-semibold tracking-tight">Ringback</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-2xl">
          <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
          <p className="mt-1 text-sm text-slate-500">Every missed call becomes a conversation.</p>
          <SignInForm returnTo={returnTo} initialError={typeof error === "string" ? (formErrors[error] ?? null) : null} />
        </div>
      </div>
    </main>
  );
}
