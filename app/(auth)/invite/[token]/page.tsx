import { PhoneIncoming } from "lucide-react";
import Link from "next/link";
import { Providers } from "@/app/_trpc/client";
import { getCaller } from "@/app/_trpc/server";
import { roleLabels } from "@/app/(app)/_components/sections";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

export const metadata = { title: "Accept invitation" };

/** An invitation link's page: who invited you where, then a name and a password to accept. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await getCaller();
  const invitation = token.length >= 20 && token.length <= 100 ? await caller.invitations.get({ token }) : { ok: false as const, problem: "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation." };
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
          {invitation.ok ? (
            <>
              <h1 className="text-lg font-semibold text-slate-900">Join {invitation.place}</h1>
              <p className="mt-1 text-sm text-slate-500">
                You are invited as <strong>{roleLabels[invitation.role]}</strong> ({invitation.email}).
                {invitation.existingUser ? " You already have an account: enter its password to accept." : " Choose your name and a password."}
              </p>
              <Providers>
                <AcceptInvitationForm token={token} email={invitation.email} existingUser={invitation.existingUser} />
              </Providers>
            </>
          ) : (
            <>
              <h1 className="text-lg font-semibold text-slate-900">This invitation cannot be used</h1>
              <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
                {invitation.problem}
              </p>
              <Link href="/sign-in" className="btn-secondary mt-6 w-full">
                Go to sign in
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
