"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, Section } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

interface PhoneNumberRow {
  id: string;
  e164: string;
  label: string | null;
  forwardTo: string;
  ringTimeoutSeconds: number;
  voicemailEnabled: boolean;
}

const blank = { e164: "", label: null as string | null, forwardTo: "", ringTimeoutSeconds: 20, voicemailEnabled: false };

export function PhoneNumbersSection({ clientId, numbers }: { clientId: string; numbers: PhoneNumberRow[] }) {
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const router = useRouter();
  const trpc = useTRPC();
  const remove = useMutation(trpc.clients.deletePhoneNumber.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Section title="Phone numbers" description="Calls to these numbers ring the forward-to phone; unanswered ones start your flows.">
      <ul className="divide-y divide-slate-100" aria-label="Phone numbers">
        {numbers.map((n) =>
          editing === n.id ? (
            <li key={n.id} className="py-3">
              <PhoneNumberForm clientId={clientId} initial={n} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={n.id} className="flex items-center gap-4 py-3">
              <div className="flex-1">
                <p className="font-medium text-slate-900">
                  {formatPhone(n.e164)} {n.label && <span className="ml-1 text-sm font-normal text-slate-500">{n.label}</span>}
                </p>
                <p className="text-sm text-slate-500">
                  Forwards to {formatPhone(n.forwardTo)} · rings {n.ringTimeoutSeconds}s · voicemail {n.voicemailEnabled ? "on" : "off"}
                </p>
              </div>
              <button type="button" className="btn-ghost" aria-label={`Edit ${n.e164}`} onClick={() => setEditing(n.id)}>
                <Pencil className="h-4 w-4" />
              </button>
              <button
                type="button"
                className="btn-ghost text-red-600"
                aria-label={`Remove ${n.e164}`}
                onClick={() => confirm(`Remove ${formatPhone(n.e164)}? Calls to it will no longer start flows.`) && remove.mutate({ clientId, id: n.id })}
              >
                <Trash2 className="h-4 w-4" />
              </button>
            </li>
          ),
        )}
      </ul>
      {numbers.length === 0 && editing !== "new" && <p className="text-sm text-slate-400">No numbers yet. Add the Twilio number callers dial.</p>}
      {editing === "new" ? (
        <PhoneNumberForm clientId={clientId} initial={null} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="btn-secondary" onClick={() => setEditing("new")}>
          <Plus className="h-4 w-4" /> Add number
        </button>
      )}
    </Section>
  );
}

function PhoneNumberForm({ clientId, initial, onDone }: { clientId: string; initial: PhoneNumberRow | null; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState(initial ?? blank);
  const save = useMutation(
    trpc.clients.savePhoneNumber.mutationOptions({
      onSuccess: () => {
        router.refresh();
        onDone();
      },
    }),
  );
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="rounded-lg border border-slate-200 bg-slate-50 p-4"
      aria-label={initial ? "Edit phone number" : "New phone number"}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ clientId, id: initial?.id, ...form });
      }}
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Twilio number" errors={errors.e164}>
          <input className="input" aria-invalid={!!errors.e164} placeholder="+1 312 555 0100" value={form.e164} onChange={(e) => setForm({ ...form, e164: e.target.value })} />
        </Field>
        <Field label="Label" errors={errors.label}>
          <input className="input" placeholder="Main line" value={form.label ?? ""} onChange={(e) => setForm({ ...form, label: e.target.value || null })} />
        </Field>
        <Field label="Forward calls to" errors={errors.forwardTo}>
          <input className="input" aria-invalid={!!errors.forwardTo} placeholder="+1 312 555 0199" value={form.forwardTo} onChange={(e) => setForm({ ...form, forwardTo: e.target.value })} />
        </Field>
        <Field label="Ring for (seconds)" hint="5 to 60 seconds before the call counts as missed." errors={errors.ringTimeoutSeconds}>
          <input
            type="number"
            className="input"
            aria-invalid={!!errors.ringTimeoutSeconds}
            value={Number.isNaN(form.ringTimeoutSeconds) ? "" : form.ringTimeoutSeconds}
            onChange={(e) => setForm({ ...form, ringTimeoutSeconds: e.target.valueAsNumber })}
          />
        </Field>
      </div>
      <label className="mt-4 flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={form.voicemailEnabled} onChange={(e) => setForm({ ...form, voicemailEnabled: e.target.checked })} />
        Take a voicemail when nobody answers
      </label>
      <div className="mt-4 flex items-center justify-end gap-2">
        {save.error && <p className="mr-auto text-sm text-red-600" role="alert">{messageOf(save.error)}</p>}
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save number"}
        </button>
      </div>
    </form>
  );
}
