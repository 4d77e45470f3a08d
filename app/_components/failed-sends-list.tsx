"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { CircleCheck, RotateCw } from "lucide-react";
import Link from "next/link";
import { formatBusinessDayTime } from "@/app/_components/business-time";
import { ClientFilter } from "@/app/_components/client-filter";
import { EmptyState } from "@/app/_components/empty-state";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

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
  const [tab, setTab] = useState<"failed" | "optedOut">("failed");
  // The last single retry: Twilio accepts a text at once and reports later whether it arrived.
  const [watched, setWatched] = useState<{ clientId: string; messageId: string; to: string } | null>(null);
  const retry = useMutation(
    trpc.runs.retrySend.mutationOptions({
      onSuccess: (result, input) => setWatched({ clientId: input.clientId, messageId: result.messageId, to: (list.data ?? []).find((m) => m.id === input.messageId)?.to ?? "" }),
      onSettled: refresh,
    }),
  );
  const outcome = useQuery({
    ...trpc.runs.sendOutcome.queryOptions({ clientId: watched?.clientId ?? "", messageId: watched?.messageId ?? "" }),
    enabled: !!watched && retry.data?.status === "sent",
    refetchInterval: (q) => (q.state.data && ["delivered", "failed"].includes(q.state.data.outcome) ? false : 1000),
  });
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
  const failed = (list.data ?? []).filter((m) => !m.blockedByOptOut);
  const blocked = (list.data ?? []).filter((m) => m.blockedByOptOut);
  const shown = tab === "failed" ? failed : blocked;
  const retryable = failed.filter((m) => !m.optedOut);
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
      <div className="flex gap-1 border-b border-slate-200" role="tablist" aria-label="Which texts">
        <TabButton active={tab === "failed"} onClick={() => setTab("failed")} label="Failed" count={failed.length} warn />
        <TabButton active={tab === "optedOut"} onClick={() => setTab("optedOut")} label="Opted out" count={blocked.length} />
      </div>
      {tab === "optedOut" && (
        <p className="text-sm text-slate-500">These texts were never sent because the contact opted out (texted STOP or asked not to be texted, or Twilio reported the number unsubscribed from this sender). Nothing went wrong; they are kept here so you can see them.</p>
      )}
      {retry.data?.status === "failed" && (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" role="alert" data-testid="retry-result">
          Not sent: {retry.data.reason}
        </p>
      )}
      {retry.data?.status === "sent" && watched && <RetryOutcome to={watched.to} outcome={outcome.data ?? null} />}
      {retry.error && <p className="text-sm text-red-600">{messageOf(retry.error)}</p>}
      {list.data && shown.length === 0 && (
        <EmptyState icon={CircleCheck} title={tab === "failed" ? "No failed sends" : "No texts blocked by an opt-out"}>
          {tab === "failed"
            ? "Every text reached its caller, or was dealt with. Texts that fail or are undelivered show up here with the reason."
            : "Texts a flow tried to send to someone who had opted out show up here."}
        </EmptyState>
      )}
      <ul className="space-y-3" aria-label={tab === "failed" ? "Failed sends" : "Blocked by opt-out"}>
        {shown.map((m) => (
          <li key={m.id} className="card p-4" data-testid="failed-send">
            <div className="flex flex-col items-start gap-3 sm:flex-row">
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
                <p className="mt-1 break-words text-sm text-slate-600">“{m.body}”</p>
                <p className="mt-2 text-sm text-red-700" data-testid="failed-reason">{m.reason}</p>
                <p className="mt-1 text-xs text-slate-500">
                  <span data-testid="failed-send-attempts">{m.attempts === 1 ? "First attempt" : `Attempt ${m.attempts}`}</span>
                  {" · "}
                  <time dateTime={new Date(m.createdAt).toISOString()}>{formatBusinessDayTime(m.createdAt, m.timezone)}</time>
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
                {!m.blockedByOptOut && (
                <button type="button" className="btn-primary" disabled={retry.isPending || m.optedOut} title={m.optedOut ? "They opted out: texts are blocked until they text START." : undefined} onClick={() => retryOnce(m)}>
                  <RotateCw className="h-4 w-4" /> Retry
                </button>
                )}
                <button type="button" className="btn-secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ clientId: m.clientId, messageId: m.id })}>
                  {m.blockedByOptOut ? "Dismiss" : "Mark resolved"}
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TabButton({ active, onClick, label, count, warn }: { active: boolean; onClick: () => void; label: string; count: number; warn?: boolean }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800"}`}
    >
      {label}{" "}
      <span className={`ml-1 rounded-full px-2 py-0.5 text-xs tabular-nums ${warn && count > 0 ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600"}`}>{count}</span>
    </button>
  );
}

/** What became of the last retry: sent, then delivered or failed again with Twilio's code. */
function RetryOutcome({ to, outcome }: { to: string; outcome: { outcome: "delivered" | "sent" | "failed" | "pending"; errorCode: number | null; reason: string | null } | null }) {
  const who = to ? formatPhone(to) : "the caller";
  if (outcome?.outcome === "failed") {
    return (
      <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" role="alert" data-testid="retry-result">
        Failed again{outcome.errorCode ? `: ${outcome.errorCode}` : ""}. {outcome.reason?.replace(/^\d+: /, "")}
      </p>
    );
  }
  return (
    <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-700" role="status" data-testid="retry-result">
      {outcome?.outcome === "delivered" ? `Sent again and delivered to ${who}.` : `Sent again to ${who}; waiting for the carrier to confirm delivery…`}
    </p>
  );
}
