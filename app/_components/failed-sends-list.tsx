"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { CircleCheck, RotateCw } from "lucide-react";
import Link from "next/link";
import { ClientFilter } from "@/app/_components/client-filter";
import { EmptyState } from "@/app/_components/empty-state";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/clients/phone";

/** Whose failed texts: one client's, or every client an agency user can see (with a client filter). */
export type FailedSendsScope = { kind: "client"; clientId: string } | { kind: "agency"; clients: { id: string; name: string }[] };

export function FailedSendsList({ scope }: { scope: FailedSendsScope }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const agency = scope.kind === "agency";
  const [clientFilter, setClientFilter] = useState<string | null>(null);
  const clientList = useQuery({ ...trpc.runs.failedSends.queryOptions({ clientId: scope.kind === "client" ? scope.clientId : "" }), enabled: !agency, refetchInterval: 5000 });
  const allList = useQuery({ ...trpc.runs.failedSendsAll.queryOptions({ clientId: clientFilter }), enabled: agency, refetchInterval: 5000 });
  const list = agency ? allList : clientList;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.runs.failedSends.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.runs.failedSendsAll.queryKey() }),
    ]);
  const inFlight = useRef(new Set<string>());
  const retry = useMutation(trpc.runs.retrySend.mutationOptions({ onSettled: refresh }));
  // A double click retries once (the server would refuse a second text anyway, with a confusing message).
  // retrySend/resolveSend are client-scoped: every row carries its own clientId.
  const retryOnce = useCallback(
    (m: { id: string; clientId: string }) => {
      if (inFlight.current.has(m.id)) return;
      inFlight.current.add(m.id);
      retry.mutate({ clientId: m.clientId, messageId: m.id }, { onSettled: () => inFlight.current.delete(m.id) });
    },
    [retry],
  );
  const resolve = useMutation(trpc.runs.resolveSend.mutationOptions({ onSettled: refresh }));
  const retryMany = useMutation(trpc.runs.retrySends.mutationOptions());
  const [bulk, setBulk] = useState<{ running: boolean; sent: number; notSent: string[] } | null>(null);
  const retryable = (list.data ?? []).filter((m) => !m.optedOut);
  // Retries every shown text that can be retried, client by client (the procedure is client-scoped).
  const retryAll = async () => {
    if (bulk?.running || retryable.length === 0) return;
    setBulk({ running: true, sent: 0, notSent: [] });
    const byClient = new Map<string, typeof retryable>();
    for (const m of retryable) byClient.set(m.clientId, [...(byClient.get(m.clientId) ?? []), m]);
    let sent = 0;
    const notSent: string[] = [];
    try {
      for (const [clientId, rows] of byClient) {
        for (let i = 0; i < rows.length; i += 100) {
          const answer = await retryMany.mutateAsync({ clientId, messageIds: rows.slice(i, i + 100).map((m) => m.id) });
          sent += answer.sent;
          notSent.push(...answer.results.flatMap((r) => (r.status === "failed" && r.reason ? [r.reason] : [])));
        }
      }
    } catch (error) {
      notSent.push(messageOf(error));
    } finally {
      setBulk({ running: false, sent, notSent });
      await refresh();
    }
  };
  return (
    <div className="space-y-3">
      {scope.kind === "agency" && (
        <ClientFilter className="block" clients={scope.clients} value={clientFilter} onChange={setClientFilter} />
      )}
      {retryable.length > 1 && (
        <div className="flex items-center gap-3">
          <button type="button" className="btn-secondary" disabled={bulk?.running} onClick={() => void retryAll()}>
            <RotateCw className="h-4 w-4" /> {bulk?.running ? "Retrying…" : `Retry all ${retryable.length}`}
          </button>
          <span className="text-xs text-slate-500">Each text is sent again at most once; contacts who opted out are skipped.</span>
        </div>
      )}
      {bulk && !bulk.running && (
        <p className={`rounded-lg px-3 py-2 text-sm ${bulk.notSent.length ? "bg-amber-50 text-amber-800" : "bg-emerald-50 text-emerald-700"}`} role="status" data-testid="bulk-retry-result">
          Sent {bulk.sent} again.{bulk.notSent.length ? ` ${bulk.notSent.length} not sent: ${[...new Set(bulk.notSent)].join(" ")}` : ""}
        </p>
      )}
      {retry.data?.status === "failed" && <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">Not sent: {retry.data.reason}</p>}
      {retry.data?.status === "sent" && <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-700" role="status">Sent again.</p>}
      {retry.error && <p className="text-sm text-red-600">{messageOf(retry.error)}</p>}
      {list.data?.length === 0 && (
        <EmptyState icon={CircleCheck} title="No failed sends">
          Every text reached its caller, or was dealt with. Texts that fail or are undelivered show up here with the reason.
        </EmptyState>
      )}
      <ul className="space-y-3" aria-label="Failed sends">
        {list.data?.map((m) => (
          <li key={m.id} className="card p-4" data-testid="failed-send">
            <div className="flex flex-wrap items-start gap-3">
              <div className="min-w-0 flex-1">
                {agency && (
                  <Link href={`/clients/${m.clientId}/failed-sends`} className="mb-1 inline-block text-xs font-medium uppercase tracking-wider text-brand-700 hover:underline" data-testid="failed-send-client">
                    {m.clientName}
                  </Link>
                )}
                <p className="text-sm font-medium text-slate-900">
                  To {m.contactName ? `${m.contactName} · ` : ""}
                  {formatPhone(m.to)} {m.optedOut && <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">opted out</span>}
                  {m.outcomeUnknown && (
                    <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800" data-testid="outcome-unknown" title="The connection to Twilio dropped mid-send: check the contact's thread before retrying, or they may get it twice.">
                      Twilio may have it
                    </span>
                  )}
                </p>
                <p className="mt-1 text-sm text-slate-600">“{m.body}”</p>
                <p className="mt-2 text-sm text-red-700" data-testid="failed-reason">{m.reason}</p>
                <p className="mt-1 text-xs text-slate-400">
                  {new Date(m.createdAt).toLocaleString()}
                  {m.runId && (
                    <>
                      {" · "}
                      <Link className="text-brand-700 hover:underline" href={`/clients/${m.clientId}/runs/${m.runId}`}>
                        view run
                      </Link>
                    </>
                  )}
                </p>
              </div>
              <div className="flex gap-2">
                <button type="button" className="btn-primary" disabled={retry.isPending || m.optedOut} title={m.optedOut ? "They opted out: texts are blocked until they text START." : undefined} onClick={() => retryOnce(m)}>
                  <RotateCw className="h-4 w-4" /> Retry
                </button>
                <button type="button" className="btn-secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ clientId: m.clientId, messageId: m.id })}>
                  Mark resolved
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
