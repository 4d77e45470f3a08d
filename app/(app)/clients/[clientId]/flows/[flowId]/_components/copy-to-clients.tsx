"use client";

import { useMutation } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

/** Agency users: copy this flow to other clients as drafts (numbers come from each client). */
export function CopyToClients({ clientId, flowId, clients }: { clientId: string; flowId: string; clients: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const copy = useMutation(trpc.flows.copyToClients.mutationOptions({ onSuccess: () => setChosen([]) }));
  return (
    <div className="relative">
      <button type="button" className="btn-secondary" onClick={() => setOpen((o) => !o)}>
        <Copy className="h-4 w-4" /> Copy to clients
      </button>
      {open && (
        <form
          className="card absolute right-0 top-12 z-20 w-80 space-y-3 p-4"
          aria-label="Copy to clients"
          onSubmit={(e) => {
            e.preventDefault();
            copy.mutate({ clientId, flowId, targetClientIds: chosen });
          }}
        >
          <p className="text-sm font-medium text-slate-700">Copy as a draft to:</p>
          {clients.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} />
              {c.name}
            </label>
          ))}
          {copy.isSuccess && <p className="text-sm text-emerald-700" role="status">Copied as {copy.data.length} draft{copy.data.length === 1 ? "" : "s"}.</p>}
          {copy.error && <p className="text-sm text-red-600">{messageOf(copy.error)}</p>}
          <button type="submit" className="btn-primary w-full" disabled={!chosen.length || copy.isPending}>
            Copy
          </button>
        </form>
      )}
    </div>
  );
}
