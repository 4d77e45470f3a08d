import { z } from "zod";
import { effectLabel, handleLabelOf, type NodeKind } from "../model/catalogue";
import type { FlowGraph, TypedNode } from "../model/graph";
import { nodeName } from "../model/graph";
import { compile, edgeKey, type CompiledFlow } from "./compile";
import { EffectResults, isWaitEffect, type Effect, type EffectRequest, type EffectResult } from "./effects";
import { handlers } from "./nodes";
import { markAfterReply, markAfterText } from "./reply-rule";
import type { NodeHandler, NodeOutcome } from "./nodes/node-handler";
import {
  EngineInputError,
  StartFacts,
  startedAt,
  type AdvanceInput,
  type AdvanceOptions,
  type AdvanceResult,
  type RunError,
  type RunState,
  type TraceEvent,
} from "./types";

/** Default step budget: node visits per run. */
export const DEFAULT_MAX_VISITS = 200;

/**
 * Run a flow forward until it needs something from the world, finishes or fails.
 *
 * Start a run with `advance(graph, null, { type: "start", facts })`; answer each returned effect
 * with `advance(graph, state, { type: "result", stepId, result })`. Pure and deterministic: the
 * same graph, state and input always give the same output, and `state` is never mutated, so a
 * runner can rebuild a run by replaying its step results from the start. Graphs are treated as
 * immutable (their compiled form is memoised per object).
 *
 * Throws EngineInputError for caller mistakes (a result for a step that is not pending, a result
 * of the wrong shape, input for a finished run); flow problems end the run as "failed" instead.
 */
export function advance(graph: FlowGraph, state: RunState | null, input: AdvanceInput, options: AdvanceOptions = {}): AdvanceResult {
  const flow = compile(graph);
  const run: Interpreter = { flow, trace: [], maxVisits: options.maxVisits ?? DEFAULT_MAX_VISITS };
  if (input.type === "start") {
    if (state !== null) throw new EngineInputError("alreadyStarted", "This run has already started: pass its state with the next result instead of a start.");
    const s = initialState(parseFacts(input.facts));
    if (flow.problems.length > 0 || flow.triggerId === null) {
      return fail(run, s, { code: "invalidFlow", message: `This flow cannot run: ${flow.problems.join(" ")} Fix it in the editor and publish again.` });
    }
    const entered = enter(run, s, flow.triggerId);
    return entered ?? loop(run, s, null);
  }

  if (state === null) throw new EngineInputError("notStarted", `Got a result for ${input.stepId}, but the run has not started: start it first.`);
  if (state.status === "completed" || state.status === "failed") {
    throw new EngineInputError("finished", `Got a result for ${input.stepId}, but the run has already ${state.status === "completed" ? "completed" : "failed"}.`);
  }
  const pending = state.pending;
  if (!pending || pending.stepId !== input.stepId) {
    throw new EngineInputError("wrongStep", `Got a result for ${input.stepId}, but the run is waiting for ${pending?.stepId ?? "nothing"}.`);
  }
  if (!state.cursor || !flow.nodes.has(state.cursor.nodeId)) {
    throw new EngineInputError("wrongFlow", `The run is at step '${state.cursor?.nodeId}', which this flow does not have: continue a run on the flow version it started on.`);
  }
  const s = copyState(state);
  s.pending = null;
  if (input.type === "error") {
    const node = flow.nodes.get(pending.nodeId);
    const name = node ? nodeName(node) : pending.nodeId;
    return fail(run, s, { code: "effectFailed", nodeId: pending.nodeId, message: `'${name}' failed: ${input.message}` });
  }
  const result = parseResult(pending, input.result);
  if (Date.parse(result.at) > Date.parse(s.now)) s.now = new Date(Date.parse(result.at)).toISOString();
  if (pending.kind === "waitForReply" && "reply" in result && result.reply) s.replyMark = markAfterReply(s.replyMark, result.reply.at);
  return loop(run, s, result);
}

type Interpreter = { flow: CompiledFlow; trace: TraceEvent[]; maxVisits: number };

function parseFacts(facts: unknown) {
  const parsed = StartFacts.safeParse(facts);
  if (!parsed.success) throw new EngineInputError("invalidFacts", `The start facts are invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function parseResult(pending: Effect, result: unknown): EffectResult {
  const parsed = EffectResults[pending.kind].safeParse(result);
  if (!parsed.success) {
    throw new EngineInputError("invalidResult", `The result for ${pending.stepId} is not a ${pending.kind} result:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function initialState(facts: StartFacts): RunState {
  return {
    v: 1,
    status: "running",
    facts,
    now: new Date(Date.parse(startedAt(facts))).toISOString(),
    replyMark: new Date(Date.parse(startedAt(facts))).toISOString(),
    cursor: null,
    pending: null,
    visits: 0,
    visitsByNode: {},
    stepCounts: {},
    // A text that started the run is their latest text: a keyword check can read it at once. The
    // mark is its arrival, so no wait takes it again.
    vars: { reply: facts.trigger.kind === "textReceived" ? { body: facts.trigger.message.body, at: startedAt(facts) } : null, leadId: null, booking: null, tags: null, webhook: {} },
    endNodeId: null,
    error: null,
  };
}

/** A copy deep enough that nothing advance() changes is shared with the caller's state. */
function copyState(s: RunState): RunState {
  return {
    ...s,
    cursor: s.cursor && { ...s.cursor },
    visitsByNode: { ...s.visitsByNode },
    stepCounts: { ...s.stepCounts },
    vars: { ...s.vars },
  };
}

/** Execute nodes until one needs an effect, or the run ends. */
function loop(run: Interpreter, s: RunState, firstResult: EffectResult | null): AdvanceResult {
  let result = firstResult;
  for (;;) {
    const cursor = s.cursor!;
    const node = run.flow.nodes.get(cursor.nodeId)!;
    const handler = handlers[node.kind] as NodeHandler<NodeKind>;
    const outcome: NodeOutcome<NodeKind> = handler({
      node,
      name: nodeName(node),
      phase: cursor.phase,
      data: cursor.data,
      result,
      facts: s.facts,
      now: s.now,
      repliesSince: s.replyMark,
      vars: s.vars,
    });
    result = null;

    if (outcome.type === "effect") {
      // Run history and the simulator name every effect by its kind's label: an undeclared one is a bug here.
      if (effectLabel(node.kind, outcome.effect.kind) === null) {
        throw new Error(`${node.kind} asked for a ${outcome.effect.kind} effect, which its catalogue entry does not declare: add it to its "effects".`);
      }
      const effect = stamp(s, node.id, outcome.effect);
      // Asking for a text to the caller opens the window for its answer (reply-rule.ts).
      if (effect.kind === "sendSms") s.replyMark = markAfterText(s.replyMark, s.now);
      s.pending = effect;
      s.cursor = { nodeId: node.id, phase: outcome.phase, data: outcome.data ?? null };
      s.status = isWaitEffect(effect) ? "waiting" : "running";
      return { state: s, effects: [effect], status: s.status, trace: run.trace };
    }
    if (outcome.type === "fail") return fail(run, s, outcome.error);
    record(run, s, node, outcome.type === "go" ? outcome.handle : null, outcome.note);
    if (outcome.type === "end") {
      s.status = "completed";
      s.endNodeId = node.id;
      s.cursor = null;
      return { state: s, effects: [], status: "completed", trace: run.trace };
    }

    const target = run.flow.next.get(edgeKey(node.id, outcome.handle));
    if (target === undefined || !run.flow.nodes.has(target)) {
      const label = handleLabelOf(node, outcome.handle) ?? outcome.handle;
      return fail(run, s, { code: "missingConnection", nodeId: node.id, message: `'${nodeName(node)}' has no next step for '${label.toLowerCase()}'.` });
    }
    const stopped = enter(run, s, target);
    if (stopped) return stopped;
  }
}

/** Move the cursor to a node, counting the visit against the budget. */
function enter(run: Interpreter, s: RunState, nodeId: string): AdvanceResult | null {
  s.visits += 1;
  s.visitsByNode[nodeId] = (s.visitsByNode[nodeId] ?? 0) + 1;
  s.cursor = { nodeId, phase: null, data: null };
  if (s.visits <= run.maxVisits) return null;
  const busiest = Object.entries(s.visitsByNode)
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id, n]) => `'${nameOf(run, id)}' (${n} times)`);
  return fail(run, s, {
    code: "budgetExceeded",
    nodeId,
    message: `Stopped after ${run.maxVisits} steps: the flow kept going round ${busiest.join(", ")}. Give the loop a way out, such as an end after a few tries.`,
  });
}

const nameOf = (run: Interpreter, id: string) => {
  const node = run.flow.nodes.get(id);
  return node ? nodeName(node) : id;
};

/** Give an effect its stable step id: `<kind>:<nodeId>`, then `#2`, `#3`… on repeats. */
function stamp(s: RunState, nodeId: string, request: EffectRequest): Effect {
  const base = `${request.kind}:${nodeId}`;
  const n = (s.stepCounts[base] ?? 0) + 1;
  s.stepCounts[base] = n;
  return { ...request, stepId: n === 1 ? base : `${base}#${n}`, nodeId } as Effect;
}

function record(run: Interpreter, s: RunState, node: TypedNode, handle: string | null, note: string | undefined) {
  const event: TraceEvent = { nodeId: node.id, kind: node.kind, name: nodeName(node), handle, visit: s.visitsByNode[node.id] ?? 1, at: s.now };
  if (note) event.note = note;
  run.trace.push(event);
}

function fail(run: Interpreter, s: RunState, error: RunError): AdvanceResult {
  s.status = "failed";
  s.error = error;
  s.pending = null;
  return { state: s, effects: [], status: "failed", trace: run.trace };
}
