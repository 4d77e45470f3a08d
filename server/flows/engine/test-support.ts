import { freeSlots } from "../../schedule/free-slots";
import { scheduleFor } from "../../schedule/test-schedules";
import type { NodeKind } from "../model/catalogue";
import type { FlowGraph } from "../model/graph";
import { advance } from "./advance";
import type { Effect, EffectResult } from "./effects";
import type { AdvanceOptions, AdvanceResult, LegacyStartFactsInput, StartFactsInput, TraceEvent } from "./types";

/**
 * Helpers for engine tests: build small graphs, and drive a run by answering its effects from a
 * plain function — the same loop the runner and the simulator use. No mocks.
 */

export type NodeSpec = [id: string, kind: NodeKind, config?: Record<string, unknown>, label?: string];
export type EdgeSpec = [source: string, handle: string, target: string];

export function graphOf(nodes: NodeSpec[], edges: EdgeSpec[]): FlowGraph {
  return {
    nodes: nodes.map(([id, kind, config = {}, label], i) => ({ id, kind, config, position: { x: i * 200, y: 0 }, ...(label ? { label } : {}) })),
    // Ids stay unique even when a test connects one output twice.
    edges: edges.map(([source, sourceHandle, target], i) => ({
      id: edges.findIndex(([s, h]) => s === source && h === sourceHandle) === i ? `${source}-${sourceHandle}` : `${source}-${sourceHandle}-${i}`,
      source,
      sourceHandle,
      target,
    })),
  };
}

/** trigger → node under test → one end per handle (`end-<handle>`). */
export function around(kind: NodeKind, config: Record<string, unknown>, handles: string[], label = "Step"): FlowGraph {
  return graphOf(
    [["trigger", "trigger.missedCall"], ["step", kind, config, label], ...handles.map((h): NodeSpec => [`end-${h}`, "end"])],
    [["trigger", "next", "step"], ...handles.map((h): EdgeSpec => ["step", h, `end-${h}`])],
  );
}

export const chicago = scheduleFor("America/Chicago");
export const booking = { slotMinutes: 30, bufferMinutes: 15, daysAhead: 7, slotsOffered: 3, bookingUrl: "https://book.example.com/acme" };

/** A missed call on Monday Jan 12 2026, 10:00 in Chicago, from a new caller. */
export function facts(overrides: Partial<LegacyStartFactsInput> = {}): LegacyStartFactsInput {
  return {
    call: { from: "+13125550134", to: "+13125550100", reason: "no-answer", at: "2026-01-12T16:00:00.000Z", voicemailTranscript: null },
    contact: { existing: false, firstName: null, name: null, tags: [], hasOpenLead: false },
    business: { name: "Acme Plumbing", phone: null },
    schedule: chicago,
    booking,
    runLink: "https://app.example.com/runs/r1",
    ...overrides,
  };
}

/** The same moment as `facts()`, but the new caller texted "Do you fix water heaters?" instead of calling. */
export function textFacts(body = "Do you fix water heaters?", overrides: Partial<Exclude<StartFactsInput, LegacyStartFactsInput>> = {}): StartFactsInput {
  const { call: _call, contact, ...rest } = facts();
  return {
    ...rest,
    trigger: { kind: "textReceived", message: { sid: "SM-first", body, from: "+13125550134", to: "+13125550100", receivedAt: "2026-01-12T16:00:00.000Z" } },
    contact: { ...contact, e164: "+13125550134" },
    ...overrides,
  };
}

/** trigger "Text received" → node under test → one end per handle (`end-<handle>`). */
export function afterText(kind: NodeKind, config: Record<string, unknown>, handles: string[], label = "Step"): FlowGraph {
  const graph = around(kind, config, handles, label);
  graph.nodes[0] = { ...graph.nodes[0], kind: "trigger.textReceived", config: {} };
  return graph;
}

/** Answer an effect; return undefined to use the default (everything succeeds, nobody replies). */
export type Responder = (effect: Effect, now: string) => EffectResult | undefined;

export function defaultResult(effect: Effect, now: string, f: StartFactsInput): EffectResult {
  switch (effect.kind) {
    case "sendSms":
      return { status: "sent", messageId: `m-${effect.stepId}`, at: now };
    case "claimCooldown":
      return { claimed: true, at: now };
    case "createLead":
      return { leadId: "lead-1", at: now };
    case "notifyStaff":
      return { at: now };
    case "waitForReply":
      return { reply: null, at: effect.deadline };
    case "sleep":
      return { at: effect.until };
    case "findSlots":
      return { slots: freeSlots({ schedule: f.schedule, booking: f.booking ?? booking, from: effect.from, existing: [], count: effect.count }), at: now };
    case "bookSlot":
      return { booked: true, appointmentId: "appt-1", at: now };
    case "tagContact":
      return { tags: [...new Set([...(f.contact.tags ?? []), ...effect.add])].filter((t) => !effect.remove.includes(t)), at: now };
    case "pickBranch":
      return { branch: 0, at: now };
    case "postWebhook":
      return { status: "ok", httpStatus: 200, fields: Object.fromEntries(effect.fields.map((f) => [f, `value of ${f}`])), at: now };
  }
}

export type Run = { effects: Effect[]; trace: TraceEvent[]; last: AdvanceResult; outputs: AdvanceResult[] };

/** Run a flow to its end, answering each effect with `respond` (or the default). */
export function drive(graph: FlowGraph, f: StartFactsInput = facts(), respond: Responder = () => undefined, options?: AdvanceOptions): Run {
  let out = advance(graph, null, { type: "start", facts: f }, options);
  const outputs = [out];
  const effects: Effect[] = [];
  const trace = [...out.trace];
  for (let i = 0; (out.status === "running" || out.status === "waiting") && i < 10_000; i++) {
    const effect = out.effects[0];
    effects.push(effect);
    const result = respond(effect, out.state.now) ?? defaultResult(effect, out.state.now, f);
    out = advance(graph, out.state, { type: "result", stepId: effect.stepId, result }, options);
    outputs.push(out);
    trace.push(...out.trace);
  }
  return { effects, trace, last: out, outputs };
}

/** "trigger:next step:closed end-closed:-" — the path as one string, easy to compare. */
export const pathOf = (run: Run) => run.trace.map((t) => `${t.nodeId}:${t.handle ?? "-"}`).join(" ");
