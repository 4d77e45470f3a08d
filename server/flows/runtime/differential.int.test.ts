import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { readInbound } from "../../contacts/revocation";
import { tagContact } from "../../contacts/tag-contact";
import { db } from "../../db/client";
import { freeSlots } from "../../schedule/free-slots";
import { scheduleFor } from "../../schedule/test-schedules";
import { createTenants } from "../../testing/tenants";
import { advance, StartFacts, type Effect, type EffectResult } from "../engine";
import type { FlowGraph } from "../model/graph";
import { starterFlow } from "../model/starters";
import { scenarioStart, simulate, type SimulationContext } from "../simulate";
import { claimCooldown } from "./cooldown";
import { findReplySince } from "./perform-effect";

/**
 * The simulator and the runtime agree. Random scenarios — call time over a week, new or known
 * caller, a cooldown already held or not, Twilio taking 0–5 s to accept each text, 0–3 texts from
 * the caller at random moments (during a send, during a Wait, before the question, after a
 * timeout; some "wrong number", which no run takes) — run through the simulator and through the
 * engine driven the way run-flow drives it, on a virtual clock: each result carries the time the
 * step finished, a text takes the send time, the caller's texts are rows in the Message table and
 * a wait is answered by the runtime's own inbox query (findReplySince), the cooldown by the real
 * atomic claim. Path, texts and outcome must be the same.
 *
 * Left out, on purpose: revocations (the runtime cancels the run through Inngest's cancelOn, which
 * the simulator does not model) and carrier keywords (handled by the SMS webhook before any run).
 */

let clientId: string;
beforeAll(async () => {
  clientId = (await createTenants()).clients.greenfield.id;
});

const context: SimulationContext = {
  schedule: scheduleFor("America/Chicago"),
  businessName: "Greenfield Plumbing",
  booking: { slotMinutes: 60, bufferMinutes: 0, daysAhead: 7, slotsOffered: 3, bookingUrl: null },
  runLink: "https://app.example.com/runs/sim",
};

const at = (col: number) => ({ x: col * 300, y: 0 });
/** Question → [Wait 10 minutes →] Wait for reply (30 min) → keyword → … : the shapes the bug hid in. */
function questionFlow(delay: boolean): FlowGraph {
  return {
    nodes: [
      { id: "trigger", kind: "trigger.missedCall", position: at(0), config: { numbers: [], reasons: ["no-answer"] } },
      { id: "ask", kind: "action.sendSms", position: at(1), config: { template: "What do you need?", immediate: true } },
      ...(delay ? [{ id: "pause", kind: "wait.delay", position: at(2), config: { mode: "duration", minutes: 10 } }] : []),
      { id: "wait", kind: "wait.reply", position: at(3), config: { timeoutMinutes: 30 } },
      { id: "again", kind: "action.sendSms", position: at(4), config: { template: "Got {{reply.body}}. Anything else?", immediate: true } },
      { id: "wait2", kind: "wait.reply", position: at(5), config: { timeoutMinutes: 30 } },
      { id: "done", kind: "end", position: at(6), config: {} },
      { id: "silent", kind: "end", position: at(6), config: {} },
    ],
    edges: [
      { id: "e1", source: "trigger", sourceHandle: "next", target: "ask" },
      { id: "e2", source: "ask", sourceHandle: "sent", target: delay ? "pause" : "wait" },
      { id: "e3", source: "ask", sourceHandle: "failed", target: "done" },
      ...(delay ? [{ id: "e4", source: "pause", sourceHandle: "next", target: "wait" }] : []),
      { id: "e5", source: "wait", sourceHandle: "replied", target: "again" },
      { id: "e6", source: "wait", sourceHandle: "timeout", target: "silent" },
      { id: "e7", source: "again", sourceHandle: "sent", target: "wait2" },
      { id: "e8", source: "again", sourceHandle: "failed", target: "done" },
      { id: "e9", source: "wait2", sourceHandle: "replied", target: "done" },
      { id: "e10", source: "wait2", sourceHandle: "timeout", target: "silent" },
    ],
  } as FlowGraph;
}

const flows: Record<string, FlowGraph> = {
  "text-back": starterFlow("text-back").graph,
  "business-hours": starterFlow("business-hours").graph,
  "full-follow-up": starterFlow("full-follow-up").graph,
  question: questionFlow(false),
  "question after a wait": questionFlow(true),
};

type Outcome = { path: string[]; texts: string[]; status: string };

/** Which replies land when: seconds after the call, mixed so that some fall inside a send and some inside a Wait. */
const replyMoment = fc.oneof(
  fc.integer({ min: 0, max: 6 }), // during the first text (it takes up to 5 s to send)
  fc.integer({ min: 7, max: 15 * 60 }), // during a 10-minute Wait, or before a 30-minute timeout
  fc.integer({ min: 15 * 60, max: 26 * 60 * 60 }), // later: after a timeout, the next morning
);
const body = fc.constantFrom("EMERGENCY water everywhere", "can you come tomorrow?", "2", "1", "how much is a quote", "Sorry, wrong number", "urgent please");

const scenario = fc.record({
  flow: fc.constantFrom(...Object.keys(flows)),
  // Minutes into the week of Monday 12 January 2026 (Chicago), so open, closed and quiet hours all occur.
  minute: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }),
  knownContact: fc.boolean(),
  firstName: fc.option(fc.constantFrom("Maria", "Sam"), { nil: null }),
  cooldownActive: fc.boolean(),
  sendSeconds: fc.integer({ min: 0, max: 5 }),
  replies: fc.array(fc.record({ seconds: replyMoment, body }), { maxLength: 3 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function simulationOf(s: Scenario, caller: string): ScenarioInput {
  return {
    callAt: new Date(Date.parse("2026-01-12T06:00:00.000Z") + s.minute * 60_000).toISOString(),
    caller: { phone: caller, firstName: s.firstName, name: s.firstName && `${s.firstName} Lopez` },
    knownContact: s.knownContact,
    cooldownActive: s.cooldownActive,
    sendSeconds: s.sendSeconds,
    replies: s.replies.map((r) => ({ afterMinutes: r.seconds / 60, body: r.body })),
  };
}
type ScenarioInput = Parameters<typeof simulate>[1];

function fromSimulator(graph: FlowGraph, input: ScenarioInput): Outcome {
  const r = simulate(graph, input, context);
  return {
    path: r.path.map((p) => `${p.nodeId}:${p.handle ?? "end"}`),
    texts: r.steps.flatMap((st) => (st.type === "text" ? [st.body] : [])),
    status: r.outcome.status,
  };
}

/** The engine driven as run-flow drives it, on a virtual clock, against the database. */
async function fromRuntime(graph: FlowGraph, flowId: string, input: ScenarioInput, runId: string): Promise<Outcome> {
  const { facts, texts: callerTexts } = scenarioStart(input, context);
  const call = StartFacts.parse(facts).trigger;
  if (call.kind !== "missedCall") throw new Error("The differential scenarios start from a missed call.");
  const caller = call.call.from;
  // The caller's texts, stored as the SMS webhook stores them (a flagged one says why).
  await db.message.createMany({
    data: callerTexts.map((t) => {
      const reading = readInbound(t.body);
      return {
        clientId,
        direction: "inbound" as const,
        body: t.body,
        status: "received" as const,
        fromNumber: caller,
        toNumber: call.call.to,
        createdAt: new Date(t.at),
        flag: reading ? `Not taken as an answer: ${reading.kind}` : null,
      };
    }),
  });
  const cooldown = graph.nodes.find((n) => n.kind === "condition.cooldown");
  if (input.cooldownActive && cooldown) {
    // The earlier run that handled this caller claimed the cooldown at the moment of this call.
    const windowMinutes = (cooldown.config as { windowMinutes: number }).windowMinutes;
    await claimCooldown({ clientId, contactE164: caller, scope: flowId, windowMinutes, runId: `${runId}-earlier`, now: new Date(call.call.at) });
  }

  const sent: string[] = [];
  const path: string[] = [];
  const perform = async (effect: Effect, now: string): Promise<EffectResult> => {
    const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();
    switch (effect.kind) {
      case "sendSms":
        sent.push(effect.body);
        // Twilio holds the request for sendSeconds; run-flow answers with the time the send finished.
        return { status: "sent", messageId: `m-${effect.stepId}`, at: plus(input.sendSeconds ?? 0) };
      case "claimCooldown": {
        const claimed = await claimCooldown({ clientId, contactE164: caller, scope: effect.scope === "any" ? "*" : flowId, windowMinutes: effect.windowMinutes, runId, now: new Date(now) });
        return { claimed, at: now };
      }
      case "waitForReply": {
        // run-flow: the inbox first (a reply that landed during the text or an earlier Wait), else
        // the sms/received event, which the webhook sends for every text in time order — so the
        // earliest text in the window either way, which is what the inbox query answers over all rows.
        const reply = await findReplySince({ clientId, from: caller, since: effect.since, until: effect.deadline });
        return { reply, at: reply?.at ?? effect.deadline };
      }
      case "sleep":
        return { at: effect.until };
      case "findSlots":
        return { slots: freeSlots({ schedule: context.schedule, booking: context.booking!, from: effect.from, existing: [], count: effect.count }), at: now };
      case "bookSlot":
        return { booked: true, appointmentId: "a1", at: now };
      case "createLead":
        return { leadId: "l1", at: now };
      case "notifyStaff":
        return { at: now };
      case "tagContact":
        return { tags: await tagContact({ clientId, e164: caller, add: effect.add, remove: effect.remove }), at: now };
      case "pickBranch":
        // The simulator lets the person pick; a real run draws. Both answer the engine the same way.
        return { branch: Math.min((input.splitBranch ?? 1) - 1, effect.weights.length - 1), at: now };
      case "postWebhook":
        return { status: "ok", httpStatus: 200, fields: {}, at: now };
    }
  };

  let out = advance(graph, null, { type: "start", facts });
  path.push(...out.trace.map((t) => `${t.nodeId}:${t.handle ?? "end"}`));
  while (out.status === "running" || out.status === "waiting") {
    const effect = out.effects[0];
    const result = await perform(effect, out.state.now);
    out = advance(graph, out.state, { type: "result", stepId: effect.stepId, result });
    path.push(...out.trace.map((t) => `${t.nodeId}:${t.handle ?? "end"}`));
  }
  return { path, texts: sent, status: out.status };
}

describe("the simulator and the runtime", () => {
  it("take the same path and send the same texts in random scenarios", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        n += 1;
        const caller = `+1312556${String(1000 + (n % 9000)).slice(-4)}`;
        const runId = `diff-${n}-${Math.random().toString(36).slice(2, 8)}`;
        // Each case starts from a clean slate for its caller.
        await db.message.deleteMany({ where: { clientId, fromNumber: caller } });
        await db.cooldownClaim.deleteMany({ where: { clientId, contactE164: caller } });
        const input = simulationOf(s, caller);
        const graph = flows[s.flow];
        const simulated = fromSimulator(graph, input);
        const ran = await fromRuntime(graph, `flow-${s.flow}`, input, runId);
        expect(ran).toEqual(simulated);
      }),
      { numRuns: 80 },
    );
    expect(n).toBeGreaterThanOrEqual(80);
  }, 120_000);
});
