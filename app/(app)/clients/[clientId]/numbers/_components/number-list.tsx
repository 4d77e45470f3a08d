"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, RefreshCw, Wrench } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Section } from "@/app/_components/field";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

interface NumberRow {
  id: string;
  e164: string;
  mode: "dial" | "forwarded";
  forwardTo: string;
  voicemailEnabled: boolean;
  verifiedAt: Date | null;
  twilioSid: string | null;
}

type Check = { field: string; label: string; expected: string; actual: string; ok: boolean; missingOverrides: boolean };

/** The client's numbers; "Check in Twilio" reads each one's configuration back and flags drift. */
export function NumberList({ clientId, numbers }: { clientId: string; numbers: NumberRow[] }) {
  return (
    <Section title="Connected numbers">
      {numbers.length === 0 && <p className="text-sm text-slate-500">No number yet: add one below.</p>}
      <ul className="divide-y divide-slate-100" aria-label="Connected numbers">
        {numbers.map((n) => (
          <NumberItem key={n.id} clientId={clientId} number={n} />
        ))}
      </ul>
    </Section>
  );
}

function NumberItem({ clientId, number }: { clientId: string; number: NumberRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [result, setResult] = useState<{ inAccount: boolean; ok: boolean; checks: Check[] } | null>(null);
  const verify = useMutation(trpc.numbers.verify.mutationOptions({ onSuccess: (r) => (setResult(r), router.refresh()) }));
  const repair = useMutation(trpc.numbers.repair.mutationOptions({ onSuccess: (r) => (setResult(r), router.refresh()) }));
  const error = verify.error ?? repair.error;
  return (
    <li className="py-4" data-testid="number-row">
      <div className="flex items-center gap-4">
        <div className="flex-1">
          <p className="font-medium text-slate-900">{formatPhone(number.e164)}</p>
          <p className="text-sm text-slate-500">
            {number.mode === "forwarded" ? `Keeps the business line ${formatPhone(number.forwardTo)}: its unanswered calls forward here` : `Rings ${formatPhone(number.forwardTo)} first`} · voicemail{" "}
            {number.voicemailEnabled ? "on" : "off"}
          </p>
        </div>
        {number.verifiedAt ? (
          <span className="inline-flex items-center gap-1 text-sm text-emerald-700" data-testid="number-verified">
            <CircleCheck className="h-4 w-4" /> Verified
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-sm text-amber-700">
            <CircleAlert className="h-4 w-4" /> Not verified
          </span>
        )}
        <button type="button" className="btn-secondary" disabled={verify.isPending} onClick={() => verify.mutate({ clientId, phoneNumberId: number.id })}>
          <RefreshCw className="h-4 w-4" /> Check in Twilio
        </button>
      </div>
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{messageOf(error)}</p>}
      {result && !result.inAccount && (
        <p role="alert" className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
          This number is not in the app&apos;s Twilio account, so the app cannot see or set where its calls go. Buy a number, or connect one the account owns.
        </p>
      )}
      {result && result.inAccount && (
        <ul className="mt-3 space-y-1 text-sm" aria-label="Webhook checks">
          {result.checks.map((c) => (
            <li key={c.field} className={c.ok ? "text-slate-600" : "font-medium text-red-700"}>
              {c.ok ? "✓" : "✗"} {c.label}: {c.ok ? (c.missingOverrides ? "points at the app, without the retry settings" : "points at the app") : `someone changed it in Twilio — it now points at ${c.actual || "nothing"}`}
            </li>
          ))}
        </ul>
      )}
      {result && result.inAccount && !result.ok && (
        <button type="button" className="btn-primary mt-3" disabled={repair.isPending} onClick={() => repair.mutate({ clientId, phoneNumberId: number.id })}>
          <Wrench className="h-4 w-4" /> Point it back at the app
        </button>
      )}
    </li>
  );
}
