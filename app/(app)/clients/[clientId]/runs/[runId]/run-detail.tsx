"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { ArrowLeft, CircleDot } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ReadOnlyFlowCanvas } from "@/app/_components/flow-canvas";
import { BusinessTime, useBusinessTime } from "@/app/_components/business-time";
import { describeWait } from "@/app/_components/run-wait";
import { effectLabel, handleLabelOf, isEffectName, nodeName } from "@/server/flows/model";
import { describeCallReason } from "@/app/_components/call-reason";
import { useConfirm } from "@/app/_components/dialog";
import { PageHeader } from "@/app/_components/page-header";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";
import { StatusBadge } from "@/app/_components/status-badge";

/**
 * One run: the version it is pinned to drawn read-only with the path it took lit up (and the step it
 * waits at marked), then every step with its attempts, timing, input, output and error. Clicking a
 * step on the canvas shows only that step's history.
 */
export function RunDetail({ clientId, runId }: { clientId: string; runId: string }) {
  const trpc = useTRPC();
  const [focused, setFocused] = useState<string | null>(null);
  const run = useQuery({ ...trpc.runs.get.queryOptions({ clientId, runId }), refetchInterval: (q) => (["running", "waiting"].includes(q.state.data?.status ?? "") ? 2000 : false) });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: () => run.refetch() }));
  const { confirm, dialog } = useConfirm();
  const { timezone } = useBusinessTime();
  const r = run.data;
  if (!r) return <p className="p-4 sm:p-8 text-sm text-slate-500">{run.error ? messageOf(run.error) : "Loading…"}</p>;
  const names = new Map(r.graph.nodes.map((n) => [n.id, nodeName(n)]));
  // The path reads as the canvas does: "Known caller", not the handle's id "yes".
  const handleLabel = (nodeId: string, handle: string) => {
    const node = r.graph.nodes.find((n) => n.id === nodeId);
    return (node && handleLabelOf(node, handle)) ?? handle;
  };
  // Each step by what its node's kind calls it ("Hold for quiet hours"); a run only records effects its kinds declare.
  const stepName = (nodeId: string, effect: string) => {
    const node = r.graph.nodes.find((n) => n.id === nodeId);
    return (node && isEffectName(effect) && effectLabel(node.kind, effect)) || effect;
  };
  const waitingFor = r.status === "waiting" ? describeWait(r.steps, timezone) : null;
  const waitingAt = r.status === "waiting" ? r.currentNodeId : null;
  const steps = focused ? r.steps.filter((s) => s.nodeId === focused) : r.steps;
  return (
    <>
      {dialog}
      <PageHeader
        title={`${r.flowName} · v${r.version}`}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge status={r.status} />
            {waitingFor && (
              <span className="font-medium text-violet-700" data-testid="run-waiting-for">
                {waitingFor}
              </span>
            )}{" "}
            · {r.caller ? formatPhone(r.caller) : "Unknown caller"} · started <BusinessTime at={r.startedAt} />
            {r.endedAt && (
              <>
                {" "}
                · ended <BusinessTime at={r.endedAt} />
              </>
            )}
          </span>
        }
        actions={
          <>
            <Link href={`/clients/${clientId}/runs`} className="btn-secondary">
              <ArrowLeft className="h-4 w-4" /> All runs
            </Link>
            {(r.status === "running" || r.status === "waiting") && (
              <button type="button" className="btn-secondary text-red-600" disabled={cancel.isPending} onClick={async () => (await confirm({ title: "Cancel this run?", body: "It stops where it is and will not text the caller again.", confirmLabel: "Cancel run", danger: true })) && cancel.mutate({ clientId, runId })}>
                Cancel run
              </button>
            )}
          </>
        }
      />
      <section className="card mx-4 sm:mx-8 mt-6 overflow-hidden" aria-label="Flow">
        <div className="flex items-center gap-4 border-b border-slate-100 px-5 py-3 text-sm">
          <h2 className="font-semibold text-slate-900">Version {r.version} as it ran</h2>
          <span className="flex items-center gap-1.5 text-xs text-slate-500">
            <span className="h-2.5 w-2.5 rounded-full bg-emerald-500" /> path taken
          </span>
          {waitingAt && (
            <span className="flex items-center gap-1.5 text-xs text-slate-500">
              <span className="h-2.5 w-2.5 rounded-full bg-violet-600" /> waiting here
            </span>
          )}
          <span className="ml-auto text-xs text-slate-400">Click a step to see what it did</span>
        </div>
        <div className="h-[30rem]" data-testid="run-canvas">
          <ReadOnlyFlowCanvas graph={r.graph} path={r.trace} current={waitingAt} selectedNodeId={focused} onSelectNode={setFocused} minimap={false} />
        </div>
      </section>
      <div className="grid gap-6 p-4 sm:p-8 pt-6 xl:grid-cols-[20rem_1fr]">
        <section className="card p-5" aria-label="Path">
          <h2 className="font-semibold text-slate-900">Path taken</h2>
          {r.error && <p className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{r.error}</p>}
          <ol className="mt-4 space-y-3 border-l-2 border-emerald-300 pl-4">
            {r.trace.map((t, i) => (
              <li key={i} className="relative text-sm" data-testid="path-step">
                <span className="absolute -left-[1.4rem] top-1 h-2.5 w-2.5 rounded-full bg-emerald-500" />
                <p className="font-medium text-slate-900">{t.name}</p>
                <p className="text-xs text-slate-500">
                  {t.handle ? `→ ${handleLabel(t.nodeId, t.handle)}` : "end"}
                  {t.note ? ` · ${t.note}` : ""}
                </p>
              </li>
            ))}
            {r.status === "waiting" && r.currentNodeId && (
              <li className="relative text-sm" data-testid="current-node">
                <CircleDot className="absolute -left-[1.55rem] top-0.5 h-4 w-4 animate-pulse text-violet-600" />
                <p className="font-medium text-violet-700">Waiting at {names.get(r.currentNodeId)}</p>
                {waitingFor && <p className="text-xs text-violet-700">{waitingFor[0].toUpperCase() + waitingFor.slice(1)}</p>}
              </li>
            )}
          </ol>
        </section>
        <div className="space-y-6">
          {r.call && <CallCard call={r.call} />}
          {r.text && (
            <section className="card p-5 text-sm" aria-label="The text">
              <div className="flex items-center gap-2">
                <h2 className="font-semibold text-slate-900">The text that started it</h2>
                <span className="text-slate-500">
                  <BusinessTime at={r.text.at} />
                </span>
              </div>
              <blockquote className="mt-2 border-l-2 border-slate-200 pl-3 text-slate-700" data-testid="trigger-text">
                “{r.text.body}”
              </blockquote>
            </section>
          )}
          <section className="card overflow-hidden" aria-label="Steps">
            <div className="flex items-center gap-3 border-b border-slate-100 px-5 py-3">
              <h2 className="font-semibold text-slate-900" data-testid="steps-heading">
                {focused ? `Steps at ${names.get(focused) ?? focused}` : "Steps"}
              </h2>
              {focused && (
                <button type="button" className="btn-ghost ml-auto !py-1 text-xs" onClick={() => setFocused(null)}>
                  Show all steps
                </button>
              )}
            </div>
            <ul className="divide-y divide-slate-100">
              {steps.map((s) => (
                <li key={s.id} className="px-5 py-3 text-sm" data-testid="run-step">
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusBadge status={s.status === "completed" ? "completed" : s.status} />
                    <span className="font-medium text-slate-900">{stepName(s.nodeId, s.kind)}</span>
                    <span className="text-slate-500">at {names.get(s.nodeId) ?? s.nodeId}</span>
                    <span className="ml-auto text-xs text-slate-400">
                      attempt {s.attempt} · <BusinessTime at={s.startedAt} only="time" />
                      {s.endedAt && ` · ${Math.max(0, new Date(s.endedAt).getTime() - new Date(s.startedAt).getTime())} ms`}
                    </span>
                  </div>
                  {s.error && <p className="mt-1 text-red-700">{s.error}</p>}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-500">Input and output</summary>
                    <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-[11px] text-slate-700">{JSON.stringify({ input: s.input, output: s.output }, null, 2)}</pre>
                  </details>
                </li>
              ))}
              {steps.length === 0 && (
                <li className="px-5 py-3 text-sm text-slate-500">
                  {focused ? (r.trace.some((t) => t.nodeId === focused) ? "This step decides a branch in the flow itself; it calls nothing outside, so it has no history of its own." : "The run did not reach this step.") : "No steps yet."}
                </li>
              )}
            </ul>
          </section>
          <section className="card overflow-hidden" aria-label="Texts">
            <h2 className="border-b border-slate-100 px-5 py-3 font-semibold text-slate-900">Texts</h2>
            {r.messages.some((m) => m.lateFailure) && (
              <p className="border-b border-red-100 bg-red-50 px-5 py-3 text-sm text-red-800" data-testid="late-delivery-failure">
                A text this run sent did not arrive. The flow had already gone on as if it had, so staff were told: call the caller instead.
              </p>
            )}
            <ul className="divide-y divide-slate-100">
              {r.messages.map((m) => (
                <li key={m.id} className="px-5 py-3 text-sm">
                  <div className="flex items-center gap-2">
                    <StatusBadge status={m.status} />
                    <span className="text-slate-500">to {formatPhone(m.to)}</span>
                  </div>
                  <p className="mt-1 text-slate-800">{m.body}</p>
                  {m.outcomeUnknown && <p className="mt-1 text-amber-800">Twilio may have it: check the caller&apos;s thread before sending it again.</p>}
                  {m.explanation && <p className="mt-1 text-red-700">{m.explanation}</p>}
                </li>
              ))}
              {r.messages.length === 0 && <li className="px-5 py-3 text-sm text-slate-500">No texts.</li>}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}

/** The missed call that started the run; its voicemail transcript is read live, so one that came late shows too. */
function CallCard({ call }: { call: { reason: string | null; at: Date | string; voicemailUrl: string | null; transcript: string | null } }) {
  return (
    <section className="card p-5 text-sm" aria-label="The call">
      <div className="flex items-center gap-2">
        <h2 className="font-semibold text-slate-900">The call</h2>
        <span className="text-slate-500">
          {describeCallReason(call.reason)} · <BusinessTime at={call.at} />
        </span>
      </div>
      {call.transcript ? (
        <blockquote className="mt-2 border-l-2 border-slate-200 pl-3 text-slate-700" data-testid="voicemail-transcript">
          “{call.transcript}”
        </blockquote>
      ) : call.voicemailUrl ? (
        <p className="mt-2 text-slate-500">Voicemail recorded; no transcript yet.</p>
      ) : null}
    </section>
  );
}
