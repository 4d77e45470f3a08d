"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Flag, Inbox as InboxIcon, Search, Send } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { BusinessTime } from "@/app/_components/business-time";
import { describeCallReason } from "@/app/_components/call-reason";
import { EmptyState } from "@/app/_components/empty-state";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

export function Inbox({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const threads = useQuery({ ...trpc.inbox.threads.queryOptions({ clientId }), refetchInterval: 5000 });
  // Nothing opens by itself: opening a thread marks it read, and that is the person's choice.
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  // Search by name, number (any digits of it) or the last text, in the threads already loaded.
  const needle = search.trim().toLowerCase();
  const digits = needle.replace(/\D/g, "");
  const shown = (threads.data ?? []).filter(
    (t) => !needle || t.name?.toLowerCase().includes(needle) || (digits.length >= 3 && t.e164.includes(digits)) || t.last?.body.toLowerCase().includes(needle),
  );
  const current = selected;
  if (threads.data?.length === 0) {
    return (
      <EmptyState icon={InboxIcon} title="No conversations yet">
        Texts your flows send and the replies callers write show up here as one thread per contact, and you can answer by hand.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
    <label className="relative block w-full sm:w-80">
      <Search className="pointer-events-none absolute left-3 top-2.5 h-4 w-4 text-slate-400" />
      <input className="input pl-9" type="search" placeholder="Search name, number or text" aria-label="Search conversations" value={search} onChange={(e) => setSearch(e.target.value)} />
    </label>
    {/* On a phone the list and the open thread take turns; from 1024 px they sit side by side. */}
    <div className="card grid h-[calc(100dvh-12rem)] min-h-96 grid-cols-1 overflow-hidden lg:h-[70vh] lg:grid-cols-[18rem_1fr]">
      <ul className={`overflow-y-auto border-r border-slate-200 ${selected ? "hidden lg:block" : ""}`} aria-label="Threads">
        {needle && shown.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">No conversation matches “{search.trim()}”.</li>}
        {shown.map((t) => (
          <li key={t.contactId}>
            <button
              type="button"
              onClick={() => setSelected(t.contactId)}
              className={`w-full px-4 py-3 text-left ${current === t.contactId ? "bg-brand-50" : "hover:bg-slate-50"}`}
              data-testid="thread"
              data-unread={t.unread}
            >
              <p className={`flex items-center gap-1.5 text-sm text-slate-900 ${t.unread > 0 ? "font-semibold" : "font-medium"}`}>
                {t.flag && <Flag className="h-3.5 w-3.5 shrink-0 text-amber-600" aria-label="Needs a look" />}
                <span className="truncate">{t.name ?? formatPhone(t.e164)}</span>
                {t.unread > 0 && <span className="ml-auto rounded-full bg-brand-600 px-1.5 text-[10px] font-semibold text-white">{t.unread} new</span>}
              </p>
              <p className={`truncate text-xs ${t.unread > 0 ? "text-slate-800" : "text-slate-500"}`}>{t.lastUnread?.body ?? t.last?.body}</p>
              {t.flag && <p className="truncate text-[11px] text-amber-700">{t.flag}</p>}
            </button>
          </li>
        ))}
      </ul>
      <div className={`min-h-0 min-w-0 flex-col ${selected ? "flex" : "hidden lg:flex"}`}>
        <button type="button" className="btn-ghost m-2 self-start lg:hidden" onClick={() => setSelected(null)}>
          <ArrowLeft className="h-4 w-4" /> All conversations
        </button>
        {current ? (
          <Thread clientId={clientId} contactId={current} />
        ) : (
          <p className="p-6 text-sm text-slate-500">Pick a conversation. Flagged and unread ones are at the top; opening one marks it read.</p>
        )}
      </div>
    </div>
    </div>
  );
}

function Thread({ clientId, contactId }: { clientId: string; contactId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const thread = useQuery({ ...trpc.inbox.thread.queryOptions({ clientId, contactId }), refetchInterval: 3000 });
  const [draft, setDraft] = useState("");
  // Showing a thread is reading it: its unread texts are marked read, and the list catches up.
  const markRead = useMutation(trpc.inbox.markRead.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.threads.queryKey({ clientId }) }) }));
  const unread = thread.data?.messages.filter((m) => m.unread).length ?? 0;
  const { mutate: markThreadRead } = markRead;
  useEffect(() => {
    if (unread > 0) markThreadRead({ clientId, contactId });
  }, [unread, clientId, contactId, markThreadRead]);
  const reply = useMutation(
    trpc.inbox.reply.mutationOptions({
      onSuccess: () => setDraft(""),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.thread.queryKey({ clientId, contactId }) }),
    }),
  );
  const t = thread.data;
  if (!t) return <p className="p-6 text-sm text-slate-500">Loading…</p>;
  return (
    <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[1fr_16rem]">
      <div className="flex min-h-0 flex-col">
        <div className="flex-1 space-y-2 overflow-y-auto p-4">
          {t.messages.map((m) => (
            <div key={m.id} className={`flex ${m.direction === "outbound" ? "justify-end" : "justify-start"}`}>
              <div className={`max-w-[70%] rounded-2xl px-3.5 py-2 text-sm ${m.direction === "outbound" ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md bg-slate-100 text-slate-900"}`}>
                {m.body}
                {m.flag && (
                  <span className="mt-1 flex items-center gap-1 text-[11px] font-medium text-amber-700">
                    <Flag className="h-3 w-3" /> {m.flag}
                  </span>
                )}
                <span className={`mt-1 block text-[10px] ${m.direction === "outbound" ? "text-brand-100" : "text-slate-400"}`}>
                  <BusinessTime at={m.at} /> · {m.status}
                  {m.errorCode ? ` · error ${m.errorCode}` : ""}
                </span>
              </div>
            </div>
          ))}
        </div>
        <form
          className="flex min-w-0 gap-2 border-t border-slate-200 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            reply.mutate({ clientId, contactId, body: draft, requestId: crypto.randomUUID() });
          }}
        >
          <input className="input" placeholder={t.contact.optedOut ? "They opted out: texts are blocked" : "Reply by hand"} value={draft} disabled={t.contact.optedOut} onChange={(e) => setDraft(e.target.value)} aria-label="Reply" />
          <button type="submit" className="btn-primary" disabled={reply.isPending || !draft.trim() || t.contact.optedOut}>
            <Send className="h-4 w-4" /> Send
          </button>
        </form>
        {reply.data?.status === "failed" && <p className="px-3 pb-2 text-sm text-red-600">Not sent: {reply.data.reason}</p>}
        {reply.error && <p className="px-3 pb-2 text-sm text-red-600">{messageOf(reply.error)}</p>}
      </div>
      <aside className="hidden space-y-4 overflow-y-auto border-l border-slate-200 p-4 text-sm lg:block">
        <div>
          <p className="font-semibold text-slate-900">{t.contact.name ?? formatPhone(t.contact.e164)}</p>
          <p className="text-xs text-slate-500">{formatPhone(t.contact.e164)}</p>
          {t.contact.optedOut && <p className="mt-1 text-xs text-amber-700">Opted out</p>}
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">Lead</p>
          <p className="text-slate-700">{t.lead ? t.lead.status : "None"}</p>
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">Runs</p>
          {t.runs.map((r) => (
            <Link key={r.id} href={`/clients/${clientId}/runs/${r.id}`} className="block text-brand-700 hover:underline">
              {r.flowName} · {r.status}
            </Link>
          ))}
          {t.runs.length === 0 && <p className="text-slate-500">None</p>}
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">Missed calls</p>
          {t.calls.map((c) => (
            <div key={c.id} className="mb-2 text-slate-700" data-testid="missed-call">
              <p>
                <BusinessTime at={c.at} /> · {describeCallReason(c.reason)}
              </p>
              {c.transcript && <p className="mt-0.5 border-l-2 border-slate-200 pl-2 text-xs text-slate-600">“{c.transcript}”</p>}
            </div>
          ))}
          {t.calls.length === 0 && <p className="text-slate-500">None</p>}
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">Appointments</p>
          {t.appointments.map((a) => (
            <p key={a.id} className="text-slate-700">
              <BusinessTime at={a.startsAt} /> · {a.status}
            </p>
          ))}
          {t.appointments.length === 0 && <p className="text-slate-500">None</p>}
        </div>
      </aside>
    </div>
  );
}
