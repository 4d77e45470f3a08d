import { z } from "zod";
import { BookingSettings, ClientSchedule } from "../../clients/settings-schemas";
import { CallReasons } from "../model/node-configs";
import type { Effect, EffectResult } from "./effects";

/**
 * The facts known when a run starts. The runner builds them from the `call/missed` event and the
 * database once, at the start, so that no node needs a lookup step: business hours, known-caller
 * and keyword conditions are all decided from these facts and the time carried by results.
 */
export const StartFacts = z.object({
  call: z.object({
    /** The caller, E.164. */
    from: z.string().min(1),
    /** The business number that was called, E.164. */
    to: z.string().min(1),
    reason: z.enum(CallReasons),
    /** When the call was missed (ISO): the run's clock starts here. */
    at: z.iso.datetime({ offset: true }),
    voicemailTranscript: z.string().nullable().default(null),
  }),
  contact: z.object({
    /** Was the caller a contact before this call? */
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
export type StartFacts = z.infer<typeof StartFacts>;
export type StartFactsInput = z.input<typeof StartFacts>;

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
