"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Pencil, Search, Users } from "lucide-react";
import { useState } from "react";
import { Dialog, useConfirm } from "@/app/_components/dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

export function ContactsTable({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const list = useQuery({ ...trpc.contacts.list.queryOptions({ clientId, search: search.trim() || null }), placeholderData: (previous) => previous });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.contacts.list.queryKey() });
  const lead = useMutation(trpc.contacts.setLeadStatus.mutationOptions({ onSettled: refresh }));
  const optOut = useMutation(trpc.contacts.optOut.mutationOptions({ onSettled: refresh }));
  const { confirm, dialog } = useConfirm();
  const [editing, setEditing] = useState<{ id: string; e164: string; name: string | null; tags: string[] } | null>(null);
  if (list.data?.length === 0 && !search.trim()) {
    return (
      <EmptyState icon={Users} title="No contacts yet">
        A contact is added the first time someone calls or texts this business. Flows with a “Create lead” step turn callers into leads you can follow up.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      {dialog}
      {editing && <EditContact clientId={clientId} contact={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      <div className="flex flex-wrap items-center gap-3">
        <label className="relative block w-full sm:w-80">
          <Search className="pointer-events-none absolute left-3 top-2.5 h-4 w-4 text-slate-400" />
          <input className="input pl-9" type="search" placeholder="Search name, tag or number" aria-label="Search contacts" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <span className="flex flex-wrap gap-1 text-sm sm:ml-auto">
          {(["contacts", "leads", "runs"] as const).map((kind) => (
            <a key={kind} className="btn-ghost" href={`/api/export/${kind}?clientId=${encodeURIComponent(clientId)}`} download>
              <Download className="h-4 w-4" /> {kind[0].toUpperCase() + kind.slice(1)} CSV
            </a>
          ))}
        </span>
      </div>
      {list.data?.length === 0 && <p className="text-sm text-slate-500">No contact matches “{search.trim()}”.</p>}
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
                  <div className="flex items-start gap-2">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{c.name ?? formatPhone(c.e164)}</p>
                      {c.name && <p className="text-xs text-slate-500">{formatPhone(c.e164)}</p>}
                      {c.tags.length > 0 && (
                        <p className="mt-1 flex flex-wrap gap-1">
                          {c.tags.map((t) => (
                            <span key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="contact-tag">
                              {t}
                            </span>
                          ))}
                        </p>
                      )}
                    </div>
                    <button type="button" className="btn-ghost !p-1" aria-label={`Edit ${c.name ?? formatPhone(c.e164)}`} onClick={() => setEditing(c)}>
                      <Pencil className="h-3.5 w-3.5" />
                    </button>
                  </div>
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
                      onClick={async () =>
                        (await confirm({ title: `Stop texting ${formatPhone(c.e164)}?`, body: "Only their own START reply can undo this.", confirmLabel: "Opt out", danger: true })) &&
                        optOut.mutate({ clientId, contactId: c.id })
                      }
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

/** Name and tags: the name fills {{contact.firstName}} in texts; tags feed "Known caller? Only if tagged". */
function EditContact({ clientId, contact, onClose, onSaved }: { clientId: string; contact: { id: string; e164: string; name: string | null; tags: string[] }; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(contact.name ?? "");
  const [tags, setTags] = useState(contact.tags.join(", "));
  const save = useMutation(
    trpc.contacts.update.mutationOptions({
      onSuccess: () => {
        onSaved();
        onClose();
      },
    }),
  );
  return (
    <Dialog open onClose={onClose} title={`Edit ${formatPhone(contact.e164)}`}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ clientId, contactId: contact.id, name: name.trim() || null, tags: tags.split(",").map((t) => t.trim()).filter(Boolean) });
        }}
      >
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Name</span>
          <input className="input mt-1" value={name} onChange={(e) => setName(e.target.value)} placeholder="Maria Lopez" autoFocus />
          <span className="mt-1 block text-xs text-slate-500">Texts greet them by the first word: “Hi Maria”.</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Tags</span>
          <input className="input mt-1" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="vip, landlord" />
          <span className="mt-1 block text-xs text-slate-500">Separate with commas. A “Known caller?” step can require a tag.</span>
        </label>
        {save.error && <p className="text-sm text-red-600">{messageOf(save.error)}</p>}
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
