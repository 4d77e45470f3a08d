"use client";

import { useMutation } from "@tanstack/react-query";
import { Play, Plus, X } from "lucide-react";
import { useState } from "react";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatMinutes, triggerEventOf, triggerNodeOf, type FlowGraph } from "@/server/flows/model";
import type { SimulationResult, SimulationStep } from "@/server/flows/simulate";

type Reply = { body: string; afterMinutes: number };

/**
 * "Saturday 21:47, a known customer calls, replies EMERGENCY": what would the flow do? The caller's
 * replies answer the flow's waits in order, each some minutes after it asks.
 */
export function SimulatorPanel({ clientId, flowId, graph, onResult }: { clientId: string; flowId: string; graph: FlowGraph; onResult: (r: SimulationResult | null) => void }) {
  const trpc = useTRPC();
  const [callAt, setCallAt] = useState(() => nextSaturdayEvening());
  const [known, setKnown] = useState(false);
  // A flow started by a text is simulated from one: the text they send first, at that time.
  const trigger = triggerNodeOf(graph.nodes);
  const textFirst = !!trigger && triggerEventOf(trigger.kind) === "textReceived";
  const [firstText, setFirstText] = useState("Hi, do you have time to look at a leaking water heater this week?");
  const [replies, setReplies] = useState<Reply[]>([{ body: "", afterMinutes: 10 }]);
  const setReply = (i: number, patch: Partial<Reply>) => setReplies((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const sent = replies.filter((r) => r.body.trim());
  const [pick, setPick] = useState<number | null>(1);
  const [splitBranch, setSplitBranch] = useState(1);
  const [webhooksRefuse, setWebhooksRefuse] = useState(false);
  const webhookIds = graph.nodes.filter((n) => n.kind === "action.webhook").map((n) => n.id);
  const simulate = useMutation(trpc.flows.simulate.mutationOptions({ onSuccess: (r) => onResult(r) }));
  const result = simulate.data;
  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        aria-label="Simulation scenario"
        onSubmit={(e) => {
          e.preventDefault();
          simulate.mutate({
            clientId,
            flowId,
            graph,
            scenario: {
              callAt,
              ...(textFirst ? { firstText: firstText.trim() } : {}),
              knownContact: known,
              replies: sent.map((r) => ({ afterMinutes: r.afterMinutes, body: r.body.trim(), relativeTo: "wait" as const })),
              booking: { pick, afterMinutes: 5, slotTaken: false },
              splitBranch,
              failWebhooks: webhooksRefuse ? webhookIds : [],
            },
          });
        }}
      >
        <label className="block text-sm">
          <span className="font-medium text-slate-700">{textFirst ? "Text time" : "Call time"} (business&apos;s timezone)</span>
          <input type="datetime-local" className="input mt-1" value={callAt} onChange={(e) => setCallAt(e.target.value)} aria-label={textFirst ? "Text time" : "Call time"} />
        </label>
        {textFirst && (
          <label className="block text-sm">
            <span className="font-medium text-slate-700">They text first</span>
            <textarea className="input mt-1" rows={2} value={firstText} onChange={(e) => setFirstText(e.target.value)} aria-label="Their first text" />
          </label>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={known} onChange={(e) => setKnown(e.target.checked)} /> A known customer {textFirst ? "texts" : "calls"}
        </label>
        <fieldset className="space-y-2" aria-label="Caller replies">
          <legend className="text-sm font-medium text-slate-700">They reply, when asked</legend>
          {replies.map((r, i) => (
            <div key={i} className="grid grid-cols-[1fr_4.5rem_auto] items-end gap-2" data-testid="simulated-reply">
              <label className="block text-xs text-slate-500">
                {i === 0 ? "First reply" : `Reply ${i + 1}`}
                <input
                  className="input mt-1"
                  placeholder="(never)"
                  value={r.body}
                  onChange={(e) => setReply(i, { body: e.target.value })}
                  aria-label={i === 0 ? "Caller reply" : `Caller reply ${i + 1}`}
                />
              </label>
              <label className="block text-xs text-slate-500">
                min after
                <input
                  type="number"
                  min={0}
                  className="input mt-1"
                  value={r.afterMinutes}
                  onChange={(e) => setReply(i, { afterMinutes: Math.max(0, e.target.valueAsNumber || 0) })}
                  aria-label={i === 0 ? "Minutes before the reply" : `Minutes before reply ${i + 1}`}
                />
              </label>
              <button
                type="button"
                className="btn-ghost mb-0.5 !p-2"
                aria-label={`Remove reply ${i + 1}`}
                disabled={replies.length === 1}
                onClick={() => setReplies((rs) => rs.filter((_, j) => j !== i))}
              >
                <X className="h-4 w-4" />
              </button>
            </div>
          ))}
          <p className="text-xs text-slate-500">Each reply answers the next wait for a reply, that many minutes after the flow asks.</p>
          <button type="button" className="btn-ghost !px-2 !py-1 text-xs" disabled={replies.length >= 20} onClick={() => setReplies((rs) => [...rs, { body: "", afterMinutes: 10 }])}>
            <Plus className="h-3.5 w-3.5" /> Add a reply
          </button>
        </fieldset>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Offered a booking, they pick</span>
          <select className="input mt-1" value={pick ?? ""} onChange={(e) => setPick(e.target.value ? Number(e.target.value) : null)}>
            <option value="1">the first time</option>
            <option value="2">the second time</option>
            <option value="">nothing</option>
          </select>
        </label>
        {graph.nodes.some((n) => n.kind === "action.abSplit") && (
          <label className="block text-sm">
            <span className="font-medium text-slate-700">At an A/B split, take</span>
            <select className="input mt-1" value={splitBranch} onChange={(e) => setSplitBranch(Number(e.target.value))} aria-label="A/B split branch">
              {[1, 2, 3, 4].map((b) => (
                <option key={b} value={b}>
                  branch {String.fromCharCode(64 + b)}
                </option>
              ))}
            </select>
          </label>
        )}
        {webhookIds.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={webhooksRefuse} onChange={(e) => setWebhooksRefuse(e.target.checked)} /> The webhook refuses the post (nothing is posted either way)
          </label>
        )}
        <button type="submit" className="btn-primary w-full" disabled={simulate.isPending}>
          <Play className="h-4 w-4" /> {simulate.isPending ? "Simulating…" : "Simulate"}
        </button>
        {simulate.error && <p className="text-sm text-red-600">{messageOf(simulate.error)}</p>}
      </form>
      {result && (
        <div className="space-y-2" data-testid="simulation-result">
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">
            {result.outcome.status === "completed" ? "Outcome: completed" : `Outcome: failed — ${result.outcome.error?.message}`} · <span className="normal-case">{formatMinutes(result.outcome.minutes)}</span>
          </p>
          <ol className="space-y-1.5 rounded-2xl bg-slate-100 p-3">
            {result.steps.map((s, i) => (
              <SimulatedStep key={i} step={s} />
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

/** One line of the simulated run. The switch is exhaustive: a new kind of step must say how it reads. */
function SimulatedStep({ step: s }: { step: SimulationStep }) {
  const line = (text: string) => <li className="text-center text-[11px] text-slate-500">{text}</li>;
  switch (s.type) {
    case "text":
      return (
        <li className="mr-6 rounded-2xl rounded-bl-md bg-white px-3 py-2 text-sm shadow-xs">
          {s.body}
          <span className="mt-1 block text-[10px] text-slate-400">
            {s.segments.segments} segment{s.segments.segments === 1 ? "" : "s"} · {s.status}
          </span>
        </li>
      );
    case "staff":
      return <li className="rounded-lg bg-amber-50 px-3 py-1.5 text-xs text-amber-900">Staff: {s.body}</li>;
    case "node":
      return line(`${s.name}${s.handleLabel ? ` → ${s.handleLabel}` : ""}${s.note ? ` (${s.note})` : ""}`);
    case "wait":
      return line(`waits ${formatMinutes(s.minutes)} (${waitReasons[s.reason]})${s.reason === "reply" ? (s.reply ? ` — “${s.reply}”` : " — no reply") : ""}`);
    case "cooldown":
      return line(`${s.label}: ${s.claimed ? "first in the window" : "already handled"}`);
    case "lead":
      return line(`${s.label}: opened`);
    case "slots":
      return line(`${s.label}: ${s.slots.map((x) => x.label).join(", ") || "none"}`);
    case "booking":
      return line(`${s.label}: ${s.slot}${s.booked ? "" : " (taken meanwhile)"}`);
    case "tag":
      return line(`${s.label}: ${[...s.add.map((t) => `+${t}`), ...s.remove.map((t) => `−${t}`)].join(" ")}`);
    case "split":
      return line(`${s.label}: branch ${s.branch}${s.note ? ` (${s.note})` : ""}`);
    case "webhook":
      return (
        <li className="rounded-lg bg-sky-50 px-3 py-1.5 text-xs text-sky-900" data-testid="simulated-webhook">
          {s.label}: would POST to {s.url}
          <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all font-mono text-[10px] text-sky-800">{s.body}</pre>
          {s.status === "ok" ? (Object.keys(s.fields).length > 0 ? `Answer kept: ${Object.entries(s.fields).map(([k, v]) => `${k} = ${v}`).join(", ")}` : "Delivered") : "Refused"}
        </li>
      );
    default: {
      const unknown: never = s;
      throw new Error(`The simulator cannot show a step of type ${(unknown as { type: string }).type}`);
    }
  }
}

const waitReasons: Record<Extract<SimulationStep, { type: "wait" }>["reason"], string> = {
  reply: "for a reply",
  delay: "a set time",
  untilOpen: "until the business opens",
  quietHours: "quiet hours",
};

function nextSaturdayEvening() {
  const d = new Date();
  d.setDate(d.getDate() + ((6 - d.getDay() + 7) % 7 || 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}T21:47`;
}
