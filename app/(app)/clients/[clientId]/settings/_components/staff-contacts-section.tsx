"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, Section } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

interface StaffRow {
  id: string;
  name: string;
  mobile: string | null;
  email: string | null;
  notifySms: boolean;
  notifyEmail: boolean;
}

const blank = { name: "", mobile: null as string | null, email: null as string | null, notifySms: true, notifyEmail: false };

export function StaffContactsSection({ clientId, staff }: { clientId: string; staff: StaffRow[] }) {
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const router = useRouter();
  const trpc = useTRPC();
  const remove = useMutation(trpc.clients.deleteStaffContact.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Section title="Staff contacts" description="Who a “Notify staff” step tells about a caller.">
      <ul className="divide-y divide-slate-100" aria-label="Staff contacts">
        {staff.map((s) =>
          editing === s.id ? (
            <li key={s.id} className="py-3">
              <StaffForm clientId={clientId} initial={s} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={s.id} className="flex items-center gap-4 py-3">
              <div className="flex-1">
                <p className="font-medium text-slate-900">{s.name}</p>
                <p className="text-sm text-slate-500">
                  {[s.mobile && formatPhone(s.mobile), s.email].filter(Boolean).join(" · ")} · notified by{" "}
                  {[s.notifySms && "SMS", s.notifyEmail && "email", "in-app"].filter(Boolean).join(", ")}
                </p>
              </div>
              <button type="button" className="btn-ghost" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s.id)}>
                <Pencil className="h-4 w-4" />
              </button>
              <button
                type="button"
                className="btn-ghost text-red-600"
                aria-label={`Remove ${s.name}`}
                onClick={() => confirm(`Remove ${s.name}? They will no longer be notified.`) && remove.mutate({ clientId, id: s.id })}
              >
                <Trash2 className="h-4 w-4" />
              </button>
            </li>
          ),
        )}
      </ul>
      {staff.length === 0 && editing !== "new" && <p className="text-sm text-slate-400">Nobody is notified yet.</p>}
      {editing === "new" ? (
        <StaffForm clientId={clientId} initial={null} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="btn-secondary" onClick={() => setEditing("new")}>
          <Plus className="h-4 w-4" /> Add staff contact
        </button>
      )}
    </Section>
  );
}

function StaffForm({ clientId, initial, onDone }: { clientId: string; initial: StaffRow | null; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState(initial ?? blank);
  const save = useMutation(
    trpc.clients.saveStaffContact.mutationOptions({
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
      aria-label={initial ? "Edit staff contact" : "New staff contact"}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ clientId, id: initial?.id, ...form });
      }}
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Name" errors={errors.name}>
          <input className="input" aria-invalid={!!errors.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label="Mobile" errors={errors.mobile}>
          <input className="input" aria-invalid={!!errors.mobile} value={form.mobile ?? ""} onChange={(e) => setForm({ ...form, mobile: e.target.value.trim() || null })} />
        </Field>
        <Field label="Email" errors={errors.email}>
          <input className="input" aria-invalid={!!errors.email} value={form.email ?? ""} onChange={(e) => setForm({ ...form, email: e.target.value.trim() || null })} />
        </Field>
      </div>
      <div className="mt-4 flex gap-6 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={form.notifySms} onChange={(e) => setForm({ ...form, notifySms: e.target.checked })} /> Notify by SMS
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={form.notifyEmail} onChange={(e) => setForm({ ...form, notifyEmail: e.target.checked })} /> Notify by email
        </label>
      </div>
      <div className="mt-4 flex items-center justify-end gap-2">
        {save.error && <p className="mr-auto text-sm text-red-600" role="alert">{messageOf(save.error)}</p>}
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save contact"}
        </button>
      </div>
    </form>
  );
}
