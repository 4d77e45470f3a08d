import { z } from "zod";
import { BookingSettings, ClientSchedule } from "../../clients/settings-schemas";
import { CallReasons } from "../model/node-configs";
import type { Effect, EffectResult } from "./effects";

const e164 = z.string().min(1);

/** A missed call, as a run started by one sees it. */
export const StartCall = z.object({
  /** The caller, E.164. */
  from: e164,
  /** The business number that was called, E.164. */
  to: e164,
  reason: z.enum(CallReasons),
  /** When the call was missed (ISO): the run's clock starts here. */
  at: z.iso.datetime({ offset: true }),
  voicemailTranscript: z.string().nullable().default(null),
});

/** A text someone sent to a business number, as a run started by it sees it. */
export const StartMessage = z.object({
  /** Twilio's MessageSid: one text starts a flow at most once. */
  sid: z.string().min(1),
  body: z.string(),
  /** The sender, E.164. */
  from: e164,
  /** The business number that was texted, E.164. */
  to: e164,
  /** When it arrived (ISO): the run's clock starts here. */
  receivedAt: z.iso.datetime({ offset: true }),
});

/**
 * What started the run. Its `kind` is a trigger kind's `startsOn` (model/catalogue.ts); only the
 * missed-call trigger's own code and the `call.*` variables read `call`.
 */
export const StartTrigger = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("missedCall"), call: StartCall }),
  z.object({ kind: z.literal("textReceived"), message: StartMessage }),
]);
export type StartTrigger = z.infer<typeof StartTrigger>;

const CurrentStartFacts = z.object({
  trigger: StartTrigger,
  contact: z.object({
    /** The person the run is about (the caller, the texter), E.164: every text and wait is theirs. */
    e164,
    /** Were they a contact before this call or text? */
    existing: z.boolean(),
    firstName: z.string().nullable().default(null),
    name: z.string().nullable().default(null),
    tags: z.array(z.string()).default([]),
    hasOpenLead: z.boolean().default(false),
  }),
  business: z.object({
    name: z.string(),
    /** The number as shown to callers, "(312) 555-0100"; defaults to the called number. */
    phone: z.string().nullable().default(null),
  }),
  schedule: ClientSchedule,
  booking: BookingSettings.nullable().default(null),
  /** Link to this run in the app, for staff notifications. */
  runLink: z.string().nullable().default(null),
});

/**
 * Start facts as the version before triggers were a family wrote them (in `flow/run.start` events
 * of runs still in flight): a `call` at the top and a contact without its number.
 */
export type LegacyStartFactsInput = Omit<z.input<typeof CurrentStartFacts>, "trigger" | "contact"> & {
  call: z.input<typeof StartCall>;
  contact: Omit<z.input<typeof CurrentStartFacts>["contact"], "e164"> & { e164?: string };
};

/** Reads a legacy shape as the current one: the call is the trigger, the caller the contact. */
function fromLegacy(input: unknown): unknown {
  if (!input || typeof input !== "object" || "trigger" in input || !("call" in input)) return input;
  const { call, contact, ...rest } = input as { call: { from?: unknown }; contact?: object };
  return { ...rest, trigger: { kind: "missedCall", call }, contact: { e164: call?.from, ...(contact ?? {}) } };
}

/**
 * The facts known when a run starts. The runner builds them from the trigger's event and the
 * database once, at the start, so that no node needs a lookup step: business hours, known-caller
 * and keyword conditions are all decided from these facts and the time carried by results.
 * Both shapes are accepted (see LegacyStartFactsInput); the parsed facts are always current.
 */
export const StartFacts = z.preprocess(fromLegacy, CurrentStartFacts);
export type StartFacts = z.infer<typeof StartFacts>;
export type StartFactsInput = z.input<typeof CurrentStartFacts> | LegacyStartFactsInput;

/** When the run's trigger happened (ISO): the run's clock and its reply mark start here. */
export const startedAt = (facts: StartFacts): string => (facts.trigger.kind === "missedCall" ? facts.trigger.call.at : facts.trigger.message.receivedAt);
/** The business number the run is about (called or texted), E.164. */
export const businessNumberOf = (facts: StartFacts): string => (facts.trigger.kind === "missedCall" ? facts.trigger.call.to : facts.trigger.message.to);
/** The business number of start facts not yet parsed (either shape), without parsing them. */
export function businessNumberOfInput(facts: StartFactsInput): string {
  if (!("trigger" in facts)) return facts.call.to;
  return facts.trigger.kind === "missedCall" ? facts.trigger.call.to : facts.trigger.message.to;
}
/** The missed call that started the run, or null when something else did. */
export const callOf = (facts: StartFacts) => (facts.trigger.kind === "missedCall" ? facts.trigger.call : null);

/** What advance() is told: the start of a run, or the answer to the effect it asked for. */
export type AdvanceInput =
  | { type: "start"; facts: StartFactsInput }
  | { type: "result"; stepId: string; result: EffectResult }
  /** The effect failed for good (retries exhausted): the run fails with this message. */
  | { type: "error"; stepId: string; message: string };

/** "running": perform the effects; "waiting": the effect is a wait; then the two final states. */
export type RunStatus = "running" | "waiting" | "completed" | "failed";

/** Why a run failed, for run history and ops. */
export type RunError = {
  code: "budgetExceeded" | "missingConnection" | "invalidFlow" | "effectFailed" | "neverOpens";
  message: string;
  nodeId?: string;
};

/** One node finished: which way it went. `handle` is null for an end node (or a failure). */
export type TraceEvent = {
  nodeId: string;
  kind: string;
  /** The owner's name for the node, or the kind's label. */
  name: string;
  handle: string | null;
  /** 1 for the first visit of this node, 2 for the next… */
  visit: number;
  /** The run's time when the node finished (ISO). */
  at: string;
  /** Why it went that way, in words: "closed at 9:47 PM", "deferred by quiet hours until 8:00 AM". */
  note?: string;
};

/** Variables collected during a run (beyond the start facts). */
export type RunVars = {
  reply: { body: string; at: string } | null;
  leadId: string | null;
  booking: { startsAt: string; endsAt: string; time: string } | null;
  /** The contact's tags once a Tag contact step changed them (null: as they were at the start). */
  tags: string[] | null;
  /** Answers of webhook steps, by their `saveAs` name: { crm: { id: "42" } } → {{webhook.crm.id}}. */
  webhook?: Record<string, Record<string, string>>;
};

/**
 * The whole state of a run: plain JSON, small (no history), never mutated by advance(). The runner
 * need not store it: replaying the effect results through advance() from the start rebuilds it.
 */
export type RunState = {
  v: 1;
  status: RunStatus;
  facts: StartFacts;
  /** The run's clock: the call time, then the `at` of each result (never goes backwards). */
  now: string;
  /** A wait counts the caller's texts after this moment (see reply-rule.ts): the call, the latest text asked for, the latest reply taken. */
  replyMark: string;
  /** The node being executed, the phase within it and its scratch data (e.g. offered slots). */
  cursor: { nodeId: string; phase: string | null; data: unknown } | null;
  /** The effect awaiting its result. */
  pending: Effect | null;
  /** Node visits so far, against the step budget. */
  visits: number;
  visitsByNode: Record<string, number>;
  /** How often each base step id was used, for the `#n` suffix. */
  stepCounts: Record<string, number>;
  vars: RunVars;
  /** The end node reached, when completed. */
  endNodeId: string | null;
  error: RunError | null;
};

/** What advance() returns. `effects` has at most one entry today; perform them in order. */
export type AdvanceResult = {
  state: RunState;
  effects: Effect[];
  status: RunStatus;
  /** Nodes that finished during this call, in order. */
  trace: TraceEvent[];
};

/** A caller mistake (not a flow outcome): wrong step id, result of the wrong shape, run already over. */
export class EngineInputError extends Error {
  constructor(
    public readonly code: "alreadyStarted" | "notStarted" | "finished" | "wrongStep" | "wrongFlow" | "invalidResult" | "invalidFacts",
    message: string,
  ) {
    super(message);
    this.name = "EngineInputError";
  }
}

export type AdvanceOptions = {
  /** Most node visits a run may make before it is stopped (default 200). */
  maxVisits?: number;
};
