"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/app/_components/auth-client";
import { Field } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

export function AcceptInvitationForm({ token, email, existingUser }: { token: string; email: string; existingUser: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [signInError, setSignInError] = useState<string | null>(null);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async () => {
        // Accepted: sign straight in with the password just chosen.
        const { error } = await authClient.signIn.email({ email, password });
        if (error) {
          setSignInError("Your account is ready, but signing in failed. Sign in with your email and new password.");
          return;
        }
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const errors = fieldErrorsOf(accept.error);
  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        accept.mutate({ token, name: existingUser ? "-" : name, password });
      }}
    >
      {!existingUser && (
        <Field label="Your name" errors={errors.name}>
          <input className="input" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
      )}
      <Field label={existingUser ? "Your password" : "Choose a password"} hint={existingUser ? undefined : "At least 8 characters."} errors={errors.password}>
        <input className="input" type="password" autoComplete={existingUser ? "current-password" : "new-password"} value={password} onChange={(e) => setPassword(e.target.value)} required />
      </Field>
      {(accept.error || signInError) && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {signInError ?? messageOf(accept.error)}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={accept.isPending || accept.isSuccess}>
        {accept.isPending || accept.isSuccess ? "Setting up…" : "Accept and sign in"}
      </button>
    </form>
  );
}
