"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { StarterId } from "@/server/flows/model";

type Starter = { id: StarterId; name: string; description: string };

/** "New flow": pick a starter (or blank), name it, land in the editor. */
export function NewFlowButton({ clientId, starters }: { clientId: string; starters: Starter[] }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Starter["id"] | null>(starters[0]?.id ?? null);
  const [name, setName] = useState(starters[0]?.name ?? "New flow");
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.flows.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/clients/${clientId}/flows/${id}`) }));
  const errors = fieldErrorsOf(create.error);
  if (!open) {
    return (
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        <Plus className="h-4 w-4" /> New flow
      </button>
    );
  }
  const options: { id: Starter["id"] | null; name: string; description: string }[] = [
    ...starters,
    { id: null, name: "Blank canvas", description: "Start from nothing and draw your own." },
  ];
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" role="dialog" aria-modal="true" aria-label="New flow">
      <form
        className="card w-full max-w-2xl p-6"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ clientId, name, starter: choice });
        }}
      >
        <div className="flex items-start justify-between">
          <div>
            <h2 className="text-lg font-semibold text-slate-900">New flow</h2>
            <p className="text-sm text-slate-500">Start from a starter flow and adjust it, or draw one from scratch.</p>
          </div>
          <button type="button" className="btn-ghost" aria-label="Close" onClick={() => setOpen(false)}>
            <X className="h-4 w-4" />
          </button>
        </div>
        <div className="mt-5 grid gap-3 sm:grid-cols-2">
          {options.map((o) => (
            <label
              key={o.id ?? "blank"}
              className={`cursor-pointer rounded-xl border p-4 transition ${choice === o.id ? "border-brand-500 bg-brand-50 ring-2 ring-brand-100" : "border-slate-200 hover:border-slate-300"}`}
            >
              <input
                type="radio"
                name="starter"
                className="sr-only"
                checked={choice === o.id}
                onChange={() => {
                  setChoice(o.id);
                  setName(o.id ? o.name : "New flow");
                }}
              />
              <span className="font-medium text-slate-900">{o.name}</span>
              <span className="mt-1 block text-sm text-slate-500">{o.description}</span>
            </label>
          ))}
        </div>
        <label className="mt-5 block">
          <span className="text-sm font-medium text-slate-700">Name</span>
          <input className="input mt-1" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} />
          {errors.name?.map((m) => <p key={m} className="field-error">{m}</p>)}
        </label>
        {create.error && !errors.name && <p className="mt-3 text-sm text-red-600" role="alert">{messageOf(create.error)}</p>}
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create flow"}
          </button>
        </div>
      </form>
    </div>
  );
}
