"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/clients/phone";

export function ContactsTable({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.contacts.list.queryOptions({ clientId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.contacts.list.queryKey({ clientId }) });
  const lead = useMutation(trpc.contacts.setLeadStatus.mutationOptions({ onSettled: refresh }));
  const optOut = useMutation(trpc.contacts.optOut.mutationOptions({ onSettled: refresh }));
  if (list.data?.length === 0) {
    return (
      <EmptyState icon={Users} title="No contacts yet">
        A contact is added the first time someone calls or texts this business. Flows with a “Create lead” step turn callers into leads you can follow up.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      {(lead.error || optOut.error) && <p className="text-sm text-red-600">{messageOf(lead.error ?? optOut.error)}</p>}
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Contacts">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wider text-slate-500">
            <tr>
              <th className="px-5 py-3">Contact</th>
              <th className="px-5 py-3">Lead</th>
              <th className="px-5 py-3">Texts</th>
              <th className="px-5 py-3">Runs</th>
              <th className="px-5 py-3">Texting</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.data?.map((c) => (
              <tr key={c.id} data-testid="contact-row">
                <td className="px-5 py-3">
                  <p className="font-medium text-slate-900">{c.name ?? formatPhone(c.e164)}</p>
                  {c.name && <p className="text-xs text-slate-500">{formatPhone(c.e164)}</p>}
                </td>
                <td className="px-5 py-3">
                  {c.lead ? (
                    <select
                      aria-label={`Lead status for ${c.e164}`}
                      className="input !w-28 !py-1"
                      value={c.lead.status}
                      onChange={(e) => lead.mutate({ clientId, leadId: c.lead!.id, status: e.target.value as "open" | "won" | "lost" })}
                    >
                      <option value="open">Open</option>
                      <option value="won">Won</option>
                      <option value="lost">Lost</option>
                    </select>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="px-5 py-3 tabular-nums text-slate-600">{c.messages}</td>
                <td className="px-5 py-3 tabular-nums text-slate-600">{c.runs}</td>
                <td className="px-5 py-3">
                  {c.optedOut ? (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800" title="Only their own START text can opt them back in.">
                      Opted out{c.optedOutAt ? ` ${new Date(c.optedOutAt).toLocaleDateString()}` : ""}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="btn-ghost text-xs"
                      onClick={() => confirm(`Stop texting ${formatPhone(c.e164)}? Only their own START reply can undo this.`) && optOut.mutate({ clientId, contactId: c.id })}
                    >
                      Opt out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
