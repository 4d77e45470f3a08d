/**
 * Engine benchmark: `npm run bench:engine`.
 *
 * Inngest replays a function from its start before every step: with k steps done, the runner calls
 * advance() k + 1 times (start, then each memoised result) before it reaches new work. So the cost
 * that grows is "replay with k completed steps", and a whole run of n steps costs the sum of its
 * replays. We measure that for a 20-node and a 200-node flow, with the graph object reused (warm:
 * compiled once per process) and freshly parsed from JSON each replay (cold: as when each
 * invocation loads the flow version anew).
 */
import { advance } from "../server/flows/engine/advance";
import type { Effect, EffectResult } from "../server/flows/engine/effects";
import type { AdvanceResult, StartFactsInput } from "../server/flows/engine/types";
import { hasErrors, validate } from "../server/flows/engine/validate";
import type { FlowGraph, FlowNode } from "../server/flows/model/graph";
import { nodeKinds } from "../server/flows/model/catalogue";

const week = [{ start: "08:00", end: "18:00" }];
const facts: StartFactsInput = {
  call: { from: "+13125550134", to: "+13125550100", reason: "no-answer", at: "2026-01-12T16:00:00.000Z" },
  contact: { existing: true, firstName: "Maria", name: "Maria Lopez", tags: ["vip"], hasOpenLead: false },
  business: { name: "Acme Plumbing" },
  schedule: { timezone: "America/Chicago", businessHours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: week, sun: week }, closures: [], quietHours: null },
  booking: { slotMinutes: 30, bufferMinutes: 0, daysAhead: 7, slotsOffered: 3, bookingUrl: null },
};

const pattern: Pick<FlowNode, "kind" | "config">[] = [
  { kind: "action.sendSms", config: { template: "Hi {{contact.firstName|there}}, sorry we missed you! - {{business.name}}" } },
  { kind: "condition.businessHours", config: {} },
  { kind: "wait.reply", config: { timeoutMinutes: 60 } },
  { kind: "condition.keyword", config: { keywords: ["emergency", "urgent"] } },
  { kind: "action.notifyStaff", config: { template: "Call {{contact.phone}} back: {{reply.body}}" } },
  { kind: "condition.cooldown", config: { windowMinutes: 60 } },
  { kind: "condition.existingContact", config: { requireTag: "vip" } },
  { kind: "wait.delay", config: { mode: "duration", minutes: 30 } },
  { kind: "action.createLead", config: {} },
];

/** A chain of `size` nodes whose every output leads to the next node; the last one (a wait) loops back. */
function chainFlow(size: number): FlowGraph {
  const nodes: FlowNode[] = [{ id: "n0", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: {} }];
  for (let i = 1; i < size - 1; i++) nodes.push({ id: `n${i}`, position: { x: i * 300, y: 0 }, ...pattern[(i - 1) % pattern.length] });
  nodes.push({ id: `n${size - 1}`, kind: "wait.reply", position: { x: (size - 1) * 300, y: 0 }, config: { timeoutMinutes: 60 } });
  const edges = nodes.flatMap((node, i) =>
    nodeKinds[node.kind].handles.map((h) => ({ id: `${node.id}-${h.id}`, source: node.id, sourceHandle: h.id, target: nodes[i === size - 1 ? 1 : i + 1].id })),
  );
  return { nodes, edges };
}

function answer(effect: Effect, now: string): EffectResult {
  switch (effect.kind) {
    case "sendSms":
      return { status: "sent", messageId: "SM1", at: now };
    case "claimCooldown":
      return { claimed: true, at: now };
    case "createLead":
      return { leadId: "lead-1", at: now };
    case "notifyStaff":
      return { at: now };
    case "waitForReply":
      return { reply: { body: "please call back", at: now }, at: now };
    case "sleep":
      return { at: effect.until };
    case "findSlots":
      return { slots: [], at: now };
    case "bookSlot":
      return { booked: true, at: now };
    case "tagContact":
      return { tags: effect.add, at: now };
    case "pickBranch":
      return { branch: 0, at: now };
    case "postWebhook":
      return { status: "ok", httpStatus: 200, fields: {}, at: now };
  }
}

/** One full run, recording the result inputs so replays can feed them back. */
function record(graph: FlowGraph) {
  let out = advance(graph, null, { type: "start", facts });
  const inputs: { stepId: string; result: EffectResult }[] = [];
  while (out.status === "running" || out.status === "waiting") {
    const effect = out.effects[0];
    const input = { stepId: effect.stepId, result: answer(effect, out.state.now) };
    inputs.push(input);
    out = advance(graph, out.state, { type: "result", ...input });
  }
  return { inputs, final: out };
}

function replay(graph: FlowGraph, inputs: { stepId: string; result: EffectResult }[], k: number): AdvanceResult {
  let out = advance(graph, null, { type: "start", facts });
  for (let i = 0; i < k; i++) out = advance(graph, out.state, { type: "result", ...inputs[i] });
  return out;
}

/** Median time of `fn` in microseconds, over enough repetitions to last ~150 ms (at least 5). */
function time(fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  const until = performance.now() + 150;
  while (performance.now() < until || samples.length < 5) {
    const t = performance.now();
    fn();
    samples.push((performance.now() - t) * 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");

for (const size of [20, 200]) {
  const graph = chainFlow(size);
  const issues = validate(graph);
  if (hasErrors(issues)) throw new Error(`Bench flow of ${size} nodes is invalid: ${issues.map((i) => i.message).join("; ")}`);
  const json = JSON.stringify(graph);
  const { inputs, final } = record(graph);
  const steps = inputs.length;
  const perCall = time(() => replay(graph, inputs, steps)) / (steps + 1);

  console.log(`\n${size}-node flow: a run of ${steps} steps (${final.state.visits} node visits, ends: ${final.state.error?.code ?? final.status})`);
  console.log(`  validate(): ${fmt(time(() => validate(JSON.parse(json))))} µs   advance(): ${fmt(1e6 / perCall, 0)} calls/s (${fmt(perCall, 2)} µs per call, warm)`);
  const widths = [18, 14, 16, 22];
  console.log("  " + pad(["completed steps k", "replay warm µs", "replay cold µs", "whole run to k, warm ms"], widths));
  for (const k of [1, 10, 50, 100, 150, steps].filter((k, i, all) => k <= steps && all.indexOf(k) === i)) {
    const warm = time(() => replay(graph, inputs, k));
    const cold = time(() => replay(JSON.parse(json), inputs, k));
    // The run re-executes from the start before each of its k steps: replays of 0..k-1 completed steps.
    const total = time(() => {
      for (let j = 0; j < k; j++) replay(graph, inputs, j);
    });
    console.log("  " + pad([String(k), fmt(warm), fmt(cold), fmt(total / 1000, 2)], widths));
  }
}

/**
 * validate() on big flows (FLOW_LIMITS.steps is 2,000): a chain of keyword checks after one wait,
 * the shape that was quadratic (each keyword step walked back through the whole chain), and the
 * mixed chain above. Linear means 2,000 steps cost about ten times 200.
 */
function keywordChain(size: number): FlowGraph {
  const nodes: FlowNode[] = [
    { id: "n0", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: {} },
    { id: "n1", kind: "wait.reply", position: { x: 300, y: 0 }, config: { timeoutMinutes: 60 } },
  ];
  for (let i = 2; i < size - 2; i++) nodes.push({ id: `n${i}`, kind: "condition.keyword", position: { x: i * 300, y: 0 }, config: { keywords: [`word${i}`] } });
  nodes.push({ id: `n${size - 2}`, kind: "action.sendSms", position: { x: size * 300, y: 0 }, config: { template: "Thanks!" } });
  const end: FlowNode = { id: "end", kind: "end", position: { x: 0, y: 300 }, config: {} };
  const edges = nodes.flatMap((node, i) =>
    nodeKinds[node.kind].handles.map((h) => ({ id: `${node.id}-${h.id}`, source: node.id, sourceHandle: h.id, target: i === nodes.length - 1 ? end.id : nodes[i + 1].id })),
  );
  return { nodes: [...nodes, end], edges };
}

console.log("\nvalidate() on big flows (µs, median; JSON parsed each time as a save does)");
const widths = [34, 12];
for (const [label, graph] of [
  ["keyword chain, 200 steps", keywordChain(200)],
  ["keyword chain, 2,000 steps", keywordChain(2000)],
  ["mixed chain, 2,000 steps", chainFlow(2000)],
] as const) {
  const issues = validate(graph);
  if (hasErrors(issues)) throw new Error(`Bench flow "${label}" is invalid: ${issues.filter((i) => i.severity === "error").slice(0, 3).map((i) => i.message).join("; ")}`);
  const json = JSON.stringify(graph);
  console.log("  " + pad([label, fmt(time(() => validate(JSON.parse(json))), 0)], widths));
}
