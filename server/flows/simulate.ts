import { z } from "zod";
import { BookingSettings, ClientSchedule } from "../clients/settings-schemas";
import { formatDayTime } from "../schedule/format";
import { freeSlots } from "../schedule/free-slots";
import { instantAt, toMs } from "../schedule/wall-clock";
import { advance } from "./engine/advance";
import type { Effect, EffectResult, SmsPurpose } from "./engine/effects";
import { firstReply, type ReplyWindow } from "./engine/reply-rule";
import { mayAnswer } from "../contacts/revocation";
import type { RunError, RunState, StartFactsInput, TraceEvent } from "./engine/types";
import { effectLabel, handleLabelOf, triggerEventOf, triggerNodeOf } from "./model/catalogue";
import type { FlowGraph } from "./model/graph";
import { FLOW_LIMITS } from "./model/limits";
import { CallReasons, MAX_WAIT_MINUTES } from "./model/node-configs";
import { countSegments, type SegmentCount } from "./model/sms-segments";

/**
 * The simulator: "what would this flow do if…". It runs the real engine and answers every effect
 * itself from the scenario — nothing is sent, written or scheduled — and returns a readable trace.
 */

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Step ids a scenario names (whose texts or webhooks fail): no more than a flow has steps. */
const FailingSteps = z
  .array(z.string().max(FLOW_LIMITS.idChars, `A step id is too long: at most ${FLOW_LIMITS.idChars} characters`))
  .max(FLOW_LIMITS.steps, `At most ${FLOW_LIMITS.steps.toLocaleString("en-US")} steps can fail in a scenario`)
  .default([]);

/** The situation to simulate. Times are relative to the call; the call time is in the client's timezone. */
export const SimulationScenario = z.object({
  /** "2026-03-14T21:47" (wall-clock time in the client's timezone) or an ISO instant with an offset. */
  callAt: z.string().refine((s) => LOCAL_TIME.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
    message: "Use a time like 2026-03-14T21:47",
  }),
  reason: z.enum(CallReasons).default("no-answer"),
  caller: z
    .object({
      phone: z.string().regex(/^\+[1-9]\d{6,14}$/, "Use a full phone number such as +13125550134").default("+13125550134"),
      firstName: z.string().max(80, "Keep the first name under 80 characters").nullable().default(null),
      name: z.string().max(80, "Keep the name under 80 characters").nullable().default(null),
    })
    .default({ phone: "+13125550134", firstName: null, name: null }),
  /** Was the caller already a contact? */
  knownContact: z.boolean().default(false),
  tags: z.array(z.string().max(40, "Tags are at most 40 characters")).max(20, "At most 20 tags").default([]),
  openLead: z.boolean().default(false),
  /** The caller was already handled within the cooldown window: the first cooldown check says "cooling". */
  cooldownActive: z.boolean().default(false),
  voicemailTranscript: z.string().max(5000, "Keep the voicemail under 5,000 characters").nullable().default(null),
  /**
   * In a flow started by "Text received": the text that starts it, sent at `callAt` (which is then
   * the moment it arrives; replies are timed from it as from a call).
   */
  firstText: z.string().trim().min(1, "Type the text that starts the flow").max(1600, "A text is at most 1,600 characters").default("Hi, do you have time to look at a leaking water heater this week?"),
  /**
   * The caller's texts. Empty: they never reply. `relativeTo: "call"` (the default): sent
   * `afterMinutes` after the call, whatever the flow does. `"wait"`: the caller answers when asked —
   * such replies are taken in order by successive waits for a reply, each sent `afterMinutes` after
   * its wait began (a wait that some other text already answers takes none).
   */
  replies: z
    .array(
      z.object({
        afterMinutes: z.number().min(0, "A reply comes 0 or more minutes after").max(60 * MAX_WAIT_MINUTES),
        body: z.string().trim().min(1, "Type the reply, or remove it").max(1600, "A reply is at most 1,600 characters"),
        relativeTo: z.enum(["call", "wait"]).default("call"),
      }),
    )
    .max(20, "A scenario has at most 20 replies")
    .default([]),
  /** How the caller answers a booking offer; without it, offers are answered from `replies`. */
  booking: z
    .object({
      /** Which offered time (1 = first), or null to ignore the offer. */
      pick: z.number().int().min(1).max(5).nullable(),
      afterMinutes: z.number().min(0).default(5),
      /** Someone else takes the time before it is booked. */
      slotTaken: z.boolean().default(false),
    })
    .optional(),
  /** Which branch (1 = A) every A/B split takes; a split with fewer branches takes its last. */
  splitBranch: z.number().int().min(1).max(4).default(1),
  /** Node ids whose texts fail to send, to explore "failed" branches. */
  failTexts: FailingSteps,
  /** Node ids of webhook steps whose receiver refuses the post (nothing is posted in a simulation either way). */
  failWebhooks: FailingSteps,
  /** How long Twilio takes to accept each text, in seconds: a reply that lands meanwhile is heard (reply-rule.ts). */
  sendSeconds: z.number().min(0).max(60).default(0),
});
export type SimulationScenario = z.infer<typeof SimulationScenario>;

/** What the simulator needs to know about the client. */
export const SimulationContext = z.object({
  schedule: ClientSchedule,
  businessName: z.string(),
  /** The called number, E.164. */
  businessNumber: z.string().default("+13125550100"),
  booking: BookingSettings.nullable().default(null),
  appointments: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })).default([]),
  runLink: z.string().nullable().default(null),
});
export type SimulationContext = z.input<typeof SimulationContext>;

/** Where an effect step happened, and what the node's kind calls it ("Hold for quiet hours"). */
type EffectStep = { at: string; nodeId: string; stepId: string; label: string };

/** One line of the trace, in time order. */
export type SimulationStep =
  | { type: "node"; at: string; nodeId: string; kind: string; name: string; handle: string | null; handleLabel: string | null; note?: string }
  | (EffectStep & { type: "text"; body: string; purpose: SmsPurpose; immediate: boolean; status: "sent" | "failed"; segments: SegmentCount })
  | (EffectStep & { type: "staff"; body: string; channels: string[] })
  | (EffectStep & { type: "wait"; reason: "reply" | "delay" | "untilOpen" | "quietHours"; until: string; endedAt: string; minutes: number; reply: string | null })
  | (EffectStep & { type: "cooldown"; claimed: boolean })
  | (EffectStep & { type: "lead" })
  | (EffectStep & { type: "slots"; slots: { startsAt: string; label: string }[] })
  | (EffectStep & { type: "booking"; slot: string; booked: boolean })
  | (EffectStep & { type: "tag"; add: string[]; remove: string[]; tags: string[] })
  | (EffectStep & { type: "split"; branch: string; note: string | null })
  /** What a webhook step would post (not posted), and the answer the scenario chose. */
  | (EffectStep & { type: "webhook"; url: string; body: string; status: "ok" | "failed"; fields: Record<string, string> });

export type SimulationResult = {
  steps: SimulationStep[];
  /** The nodes visited and the handle each left by (null for the end). */
  path: { nodeId: string; name: string; handle: string | null }[];
  outcome: { status: "completed" | "failed"; endNodeId: string | null; error: RunError | null; at: string; minutes: number };
};

/** The facts a run of this scenario starts from, and the reply texts as the caller sends them (for the differential test). */
export function scenarioStart(scenarioInput: z.input<typeof SimulationScenario>, contextInput: SimulationContext, graph: FlowGraph = { nodes: [], edges: [] }) {
  const scenario = SimulationScenario.parse(scenarioInput);
  const context = SimulationContext.parse(contextInput);
  const world = new World(graph, scenario, context, callInstant(scenario, context));
  return { facts: world.facts(), texts: world.texts() };
}

function callInstant(scenario: SimulationScenario, context: z.infer<typeof SimulationContext>): string {
  const tz = context.schedule.timezone;
  return LOCAL_TIME.test(scenario.callAt)
    ? new Date(instantAt(tz, scenario.callAt.slice(0, 10), Number(scenario.callAt.slice(11, 13)) * 60 + Number(scenario.callAt.slice(14, 16)))).toISOString()
    : new Date(toMs(scenario.callAt)).toISOString();
}

/** Run `graph` against a scenario without touching the world. */
export function simulate(graph: FlowGraph, scenarioInput: z.input<typeof SimulationScenario>, contextInput: SimulationContext): SimulationResult {
  const scenario = SimulationScenario.parse(scenarioInput);
  const context = SimulationContext.parse(contextInput);
  const callAt = callInstant(scenario, context);

  const world = new World(graph, scenario, context, callAt);
  const steps: SimulationStep[] = [];
  const path: SimulationResult["path"] = [];
  const addTrace = (events: TraceEvent[]) => {
    for (const e of events) {
      const node = graph.nodes.find((n) => n.id === e.nodeId)!;
      const handleLabel = e.handle ? (handleLabelOf(node, e.handle) ?? e.handle) : null;
      steps.push({ type: "node", at: e.at, nodeId: e.nodeId, kind: e.kind, name: e.name, handle: e.handle, handleLabel, ...(e.note ? { note: e.note } : {}) });
      path.push({ nodeId: e.nodeId, name: e.name, handle: e.handle });
    }
  };

  let out = advance(graph, null, { type: "start", facts: world.facts() });
  addTrace(out.trace);
  while (out.status === "running" || out.status === "waiting") {
    const effect = out.effects[0];
    const result = world.answer(effect, out.state, steps);
    out = advance(graph, out.state, { type: "result", stepId: effect.stepId, result });
    addTrace(out.trace);
  }
  const end = out.state.now;
  return {
    steps,
    path,
    outcome: { status: out.status, endNodeId: out.state.endNodeId, error: out.state.error, at: end, minutes: Math.round((toMs(end) - toMs(callAt)) / 60_000) },
  };
}

/** The pretend world: answers effects from the scenario and remembers what it was asked. */
class World {
  private inbox: { at: string; body: string }[];
  /** Replies the caller sends when asked ("wait"), not sent yet, in order. */
  private whenAsked: { afterMinutes: number; body: string }[];
  /** Those already sent, with the moment each landed. */
  private askedAndAnswered: { at: string; body: string }[] = [];
  private claims: number[] = [];
  private leads = 0;
  private tags: string[];

  constructor(
    private graph: FlowGraph,
    private scenario: SimulationScenario,
    private context: z.infer<typeof SimulationContext>,
    private callAt: string,
  ) {
    // A revocation ("please remove me") or a text flagged for staff is never an answer, as in a real run.
    this.inbox = this.texts().filter((r) => mayAnswer(r.body));
    this.tags = [...scenario.tags];
    this.whenAsked = scenario.replies.filter((r) => r.relativeTo === "wait");
  }

  /** Every text the caller sends, answer or not, with the moment it lands: those timed from the call, and those sent so far when asked. */
  texts(): { at: string; body: string }[] {
    const fromCall = this.scenario.replies.filter((r) => r.relativeTo === "call");
    return [...fromCall.map((r) => ({ at: new Date(toMs(this.callAt) + r.afterMinutes * 60_000).toISOString(), body: r.body })), ...this.askedAndAnswered];
  }

  /** The caller sends their next "when asked" reply for a wait that began at `now` (unless a text already answers it). */
  private answerWhenAsked(window: ReplyWindow, now: string) {
    if (firstReply(this.inbox, window) || !this.whenAsked.length) return;
    const next = this.whenAsked.shift()!;
    // Strictly after the reply mark, or the rule would not count it: a reply "0 minutes" after is a second later.
    const at = new Date(Math.max(toMs(now) + next.afterMinutes * 60_000, toMs(window.since) + 1000)).toISOString();
    const text = { at, body: next.body };
    this.askedAndAnswered.push(text);
    if (mayAnswer(text.body)) this.inbox.push(text);
  }

  facts(): StartFactsInput {
    const { scenario, context } = this;
    // The flow's trigger says what starts it: a missed call (also with no trigger yet) or a text.
    const trigger = triggerNodeOf(this.graph.nodes);
    const from = scenario.caller.phone;
    return {
      trigger:
        trigger && triggerEventOf(trigger.kind) === "textReceived"
          ? { kind: "textReceived", message: { sid: "simulated-text", body: scenario.firstText, from, to: context.businessNumber, receivedAt: this.callAt } }
          : { kind: "missedCall", call: { from, to: context.businessNumber, reason: scenario.reason, at: this.callAt, voicemailTranscript: scenario.voicemailTranscript } },
      contact: { e164: from, existing: scenario.knownContact, firstName: scenario.caller.firstName, name: scenario.caller.name, tags: scenario.tags, hasOpenLead: scenario.openLead },
      business: { name: context.businessName, phone: null },
      schedule: context.schedule,
      booking: context.booking,
      runLink: context.runLink,
    };
  }

  answer(effect: Effect, state: RunState, steps: SimulationStep[]): EffectResult {
    const at = state.now;
    const base = { at, nodeId: effect.nodeId, stepId: effect.stepId, label: this.labelOf(effect) };
    switch (effect.kind) {
      case "sendSms": {
        const status = this.scenario.failTexts.includes(effect.nodeId) ? "failed" : "sent";
        steps.push({ type: "text", ...base, body: effect.body, purpose: effect.purpose, immediate: effect.immediate, status, segments: countSegments(effect.body) });
        const done = new Date(toMs(at) + this.scenario.sendSeconds * 1000).toISOString();
        return status === "sent" ? { status, messageId: `simulated-${effect.stepId}`, at: done } : { status, error: "Simulated send failure", at: done };
      }
      case "claimCooldown": {
        const now = toMs(at);
        const window = effect.windowMinutes * 60_000;
        // "Cooldown active" means the caller was handled just before this call.
        const earlier = this.scenario.cooldownActive && now < toMs(this.callAt) + window;
        const claimed = !earlier && !this.claims.some((expires) => expires > now);
        if (claimed) this.claims.push(now + window);
        steps.push({ type: "cooldown", ...base, claimed });
        return { claimed, at };
      }
      case "createLead":
        steps.push({ type: "lead", ...base });
        return { leadId: `simulated-lead-${++this.leads}`, at };
      case "notifyStaff":
        steps.push({ type: "staff", ...base, body: effect.body, channels: effect.channels });
        return { at };
      case "sleep":
        steps.push({ type: "wait", ...base, reason: effect.reason, until: effect.until, endedAt: effect.until, minutes: minutesBetween(at, effect.until), reply: null });
        return { at: effect.until };
      case "waitForReply": {
        const reply = this.replyFor(effect, at);
        // A reply may predate the wait (it came during the text or an earlier Wait): the wait ends at once.
        const endedAt = reply ? new Date(Math.max(toMs(reply.at), toMs(at))).toISOString() : effect.deadline;
        steps.push({ type: "wait", ...base, reason: "reply", until: effect.deadline, endedAt, minutes: minutesBetween(at, endedAt), reply: reply?.body ?? null });
        return { reply, at: endedAt };
      }
      case "findSlots": {
        const booking = this.context.booking!;
        const slots = freeSlots({ schedule: this.context.schedule, booking, from: effect.from, existing: this.context.appointments, count: effect.count });
        steps.push({ type: "slots", ...base, slots: slots.map((s) => ({ startsAt: s.startsAt, label: formatDayTime(s.startsAt, this.context.schedule.timezone) })) });
        return { slots, at };
      }
      case "tagContact": {
        this.tags = [...new Set([...this.tags, ...effect.add])].filter((t) => !effect.remove.includes(t));
        steps.push({ type: "tag", ...base, add: effect.add, remove: effect.remove, tags: this.tags });
        return { tags: this.tags, at };
      }
      case "pickBranch": {
        // The person simulating picks the branch: the real draw is random, a simulation is repeatable.
        const wanted = this.scenario.splitBranch - 1;
        const branch = Math.min(wanted, effect.weights.length - 1);
        const letter = String.fromCharCode(65 + branch);
        const note = branch < wanted ? `it has only ${effect.weights.length} branches` : null;
        steps.push({ type: "split", ...base, branch: letter, note });
        return { branch, at };
      }
      case "bookSlot": {
        const booked = !this.scenario.booking?.slotTaken;
        steps.push({ type: "booking", ...base, slot: formatDayTime(effect.slot.startsAt, this.context.schedule.timezone), booked });
        return booked ? { booked, appointmentId: "simulated-appointment", at } : { booked, at };
      }
      case "postWebhook": {
        const failed = this.scenario.failWebhooks.includes(effect.nodeId);
        const fields = failed ? {} : Object.fromEntries(effect.fields.map((f) => [f, `example ${f}`]));
        steps.push({ type: "webhook", ...base, url: effect.url, body: effect.body, status: failed ? "failed" : "ok", fields });
        return failed
          ? { status: "failed", httpStatus: 400, fields, error: "The webhook answered 400 Bad Request (simulated): the receiver did not accept the body", at }
          : { status: "ok", httpStatus: 200, fields, note: "simulated: nothing was posted", at };
      }
    }
  }

  /** What the asking node's kind calls the effect; the engine only asks for effects a kind declares. */
  private labelOf(effect: Effect): string {
    const node = this.graph.nodes.find((n) => n.id === effect.nodeId);
    const label = node && effectLabel(node.kind, effect.kind);
    if (!label) throw new Error(`No label for ${effect.kind} at ${effect.nodeId}: declare it in the kind's catalogue entry.`);
    return label;
  }

  /** The text that answers the wait: a scripted booking pick, or the one the reply rule picks from the caller's texts. */
  private replyFor(effect: Extract<Effect, { kind: "waitForReply" }>, now: string): { body: string; at: string } | null {
    const deadline = toMs(effect.deadline);
    const node = this.graph.nodes.find((n) => n.id === effect.nodeId);
    const pick = this.scenario.booking;
    if (node?.kind === "action.book" && pick) {
      const at = toMs(effect.since) + pick.afterMinutes * 60_000;
      return pick.pick === null || at > deadline ? null : { body: String(pick.pick), at: new Date(at).toISOString() };
    }
    this.answerWhenAsked(effect, now);
    const reply = firstReply(this.inbox, effect);
    return reply && { body: reply.body, at: reply.at };
  }
}

const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((toMs(to) - toMs(from)) / 60_000));
