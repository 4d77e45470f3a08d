"use client";

import { useMutation } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { useState } from "react";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { FlowGraph } from "@/server/flows/model";
import type { SimulationResult, SimulationStep } from "@/server/flows/simulate";

/** "Saturday 21:47, a known customer calls, replies EMERGENCY": what would the flow do? */
export function SimulatorPanel({ clientId, flowId, graph, onResult }: { clientId: string; flowId: string; graph: FlowGraph; onResult: (r: SimulationResult | null) => void }) {
  const trpc = useTRPC();
  const [callAt, setCallAt] = useState(() => nextSaturdayEvening());
  const [known, setKnown] = useState(false);
  const [reply, setReply] = useState("");
  const [afterMinutes, setAfterMinutes] = useState(10);
  const [pick, setPick] = useState<number | null>(1);
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
            scenario: { callAt, knownContact: known, replies: reply.trim() ? [{ afterMinutes, body: reply.trim() }] : [], booking: { pick, afterMinutes: 5, slotTaken: false } },
          });
        }}
      >
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Call time (business&apos;s timezone)</span>
          <input type="datetime-local" className="input mt-1" value={callAt} onChange={(e) => setCallAt(e.target.value)} aria-label="Call time" />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={known} onChange={(e) => setKnown(e.target.checked)} /> A known customer calls
        </label>
        <div className="grid grid-cols-[1fr_5rem] gap-2">
          <label className="block text-sm">
            <span className="font-medium text-slate-700">They reply</span>
            <input className="input mt-1" placeholder="(never)" value={reply} onChange={(e) => setReply(e.target.value)} aria-label="Caller reply" />
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">after min</span>
            <input type="number" className="input mt-1" value={afterMinutes} onChange={(e) => setAfterMinutes(e.target.valueAsNumber || 0)} />
          </label>
        </div>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Offered a booking, they pick</span>
          <select className="input mt-1" value={pick ?? ""} onChange={(e) => setPick(e.target.value ? Number(e.target.value) : null)}>
            <option value="1">the first time</option>
            <option value="2">the second time</option>
            <option value="">nothing</option>
          </select>
        </label>
        <button type="submit" className="btn-primary w-full" disabled={simulate.isPending}>
          <Play className="h-4 w-4" /> {simulate.isPending ? "Simulating…" : "Simulate"}
        </button>
        {simulate.error && <p className="text-sm text-red-600">{messageOf(simulate.error)}</p>}
      </form>
      {result && (
        <div className="space-y-2" data-testid="simulation-result">
          <p className="text-xs font-medium uppercase tracking-wider text-slate-400">
            {result.outcome.status === "completed" ? "Outcome: completed" : `Outcome: failed — ${result.outcome.error?.message}`} · {Math.round(result.outcome.minutes)} min
          </p>
          <ol className="space-y-1.5 rounded-2xl bg-slate-100 p-3">
            {result.steps.map((s, i) => (
              <SimulatedStep key={i} step={s} />
            ))}
          </ol>
          {reply && result.steps.some((s) => s.type === "wait" && s.reply) && <p className="text-xs text-slate-500">The caller&apos;s reply “{reply}” is used where the flow waits for one.</p>}
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
      return line(`${s.label}: ${Math.round(s.minutes)} min${s.reason === "reply" && !s.reply ? " — no reply" : ""}`);
    case "cooldown":
      return line(`${s.label}: ${s.claimed ? "first in the window" : "already handled"}`);
    case "lead":
      return line(`${s.label}: opened`);
    case "slots":
      return line(`${s.label}: ${s.slots.map((x) => x.label).join(", ") || "none"}`);
    case "booking":
      return line(`${s.label}: ${s.slot}${s.booked ? "" : " (taken meanwhile)"}`);
    default: {
      const unknown: never = s;
      throw new Error(`The simulator cannot show a step of type ${(unknown as { type: string }).type}`);
    }
  }
}

function nextSaturdayEvening() {
  const d = new Date();
  d.setDate(d.getDate() + ((6 - d.getDay() + 7) % 7 || 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}T21:47`;
}
