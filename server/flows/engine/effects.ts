import { z } from "zod";
import type { EffectName } from "../model/catalogue";

/**
 * Effects: everything the engine needs from the world. The engine never sends, waits or reads the
 * clock; it returns an effect, the runner performs it (one Inngest step each) and hands the result
 * back to advance(). Every result says when it completed (`at`), which is how time moves forward in
 * a run.
 *
 * How the Inngest runner maps them:
 * - sendSms, claimCooldown, createLead, notifyStaff, findSlots, bookSlot → `step.run(stepId, …)`
 * - waitForReply → check the inbox for a reply after `since` (reply-rule.ts), else `step.waitForEvent(stepId,
 *   { event: "sms/received", timeout: deadline, if: from matches })`; on timeout answer
 *   `{ reply: null, at: deadline }`
 * - sleep → `step.sleepUntil(stepId, until)`, then answer `{ at: until }`
 */

const Iso = z.iso.datetime({ offset: true });

export const SlotSchema = z.object({ startsAt: Iso, endsAt: Iso });

/** Why a text is sent, for run history: a plain text, a booking offer, a re-ask, a confirmation, a link. */
export type SmsPurpose = "text" | "offer" | "reask" | "confirm" | "link";

type Base = {
  /** Stable step id `<effect kind>:<nodeId>`, with `#2`, `#3`… when the same pair repeats in a run. */
  stepId: string;
  /** The node that asked for it. */
  nodeId: string;
};

/** Text the caller. `body` is final (variables filled in); the send guardrails still apply. */
export type SendSmsEffect = Base & { kind: "sendSms"; to: string; body: string; immediate: boolean; purpose: SmsPurpose; segments: number };
/** Atomically claim the per-contact cooldown; `scope` "flow" is this flow, "any" all flows. */
export type ClaimCooldownEffect = Base & { kind: "claimCooldown"; contact: string; scope: "flow" | "any"; windowMinutes: number };
/** Upsert the contact and open a lead (one open lead per contact). */
export type CreateLeadEffect = Base & { kind: "createLead"; contact: string };
/** Tell the staff. */
export type NotifyStaffEffect = Base & { kind: "notifyStaff"; body: string; channels: ("sms" | "inApp" | "email")[] };
/**
 * Wait for the caller's answer: their earliest text after `since` (the run's reply mark, which may be
 * before the wait began) and no later than `deadline` — the rule in reply-rule.ts.
 */
export type WaitForReplyEffect = Base & { kind: "waitForReply"; from: string; since: string; timeoutSeconds: number; deadline: string };
/** Do nothing until `until`. */
export type SleepEffect = Base & { kind: "sleep"; until: string; reason: "delay" | "untilOpen" | "quietHours" };
/** Find up to `count` free booking slots starting at or after `from` (see schedule/freeSlots). */
export type FindSlotsEffect = Base & { kind: "findSlots"; from: string; count: number };
/** Book the slot for the contact; `booked: false` when it was taken meanwhile. */
export type BookSlotEffect = Base & { kind: "bookSlot"; contact: string; slot: { startsAt: string; endsAt: string } };

/** Something the runner must do and answer. */
export type Effect =
  | SendSmsEffect
  | ClaimCooldownEffect
  | CreateLeadEffect
  | NotifyStaffEffect
  | WaitForReplyEffect
  | SleepEffect
  | FindSlotsEffect
  | BookSlotEffect;
export type EffectKind = Effect["kind"];

// The catalogue names the effects (so each kind can label those it asks for): it must name exactly these.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const effectNamesMatch: Same<EffectKind, EffectName> = true;
void effectNamesMatch;

/** The result each effect kind must be answered with. */
export const EffectResults = {
  sendSms: z.object({ status: z.enum(["sent", "failed"]), messageId: z.string().optional(), error: z.string().optional(), at: Iso }),
  claimCooldown: z.object({ claimed: z.boolean(), at: Iso }),
  createLead: z.object({ leadId: z.string(), at: Iso }),
  notifyStaff: z.object({ at: Iso }),
  waitForReply: z.object({ reply: z.object({ body: z.string(), at: Iso }).nullable(), at: Iso }),
  sleep: z.object({ at: Iso }),
  findSlots: z.object({ slots: z.array(SlotSchema), at: Iso }),
  bookSlot: z.object({ booked: z.boolean(), appointmentId: z.string().optional(), at: Iso }),
} satisfies Record<EffectKind, z.ZodType>;

/** The result of one effect kind: `EffectResult<"sendSms">`. */
export type EffectResult<K extends EffectKind = EffectKind> = z.infer<(typeof EffectResults)[K]>;

/** Waits make the run "waiting" rather than "running". */
export const isWaitEffect = (e: Effect): boolean => e.kind === "waitForReply" || e.kind === "sleep";

/** An effect as a node handler asks for it, before the engine stamps ids on it. */
export type EffectRequest = Effect extends infer E ? (E extends Effect ? Omit<E, "stepId" | "nodeId"> : never) : never;
