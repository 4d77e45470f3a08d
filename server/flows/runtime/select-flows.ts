import { findKeyword, textTriggerMatches, triggerMatches } from "../engine";
import { StoredMissedCallConfig, StoredTextReceivedConfig, type CallReason, type NodeConfig } from "../model";

/**
 * Which live flow answers a missed call. Pure (no database, no clock) so that whoever starts runs —
 * today the start-runs function, later the dial-result webhook — asks the same question the same way.
 *
 * The rule, in one sentence: of the client's live flows whose trigger listens on the called number
 * and for that kind of missed call, the first in the owner's order runs, and no other.
 *
 * "Whose conditions pass" means the trigger's own conditions only: the number (a trigger with no
 * numbers listens on all of them) and the reason (no-answer, busy, failed, canceled, voicemail). The
 * steps after the trigger (business hours, existing contact, …) are the flow's branches, not a filter:
 * a flow that goes on to find the business closed still answered the call, so a second flow does not
 * start as well. The order is the flow's `priority` (1 first), ties broken by age, then id, so the
 * answer is the same on every machine.
 */
export interface LiveFlow {
  id: string;
  name: string;
  priority: number;
  createdAt: Date;
  trigger: LiveTrigger;
}

/** A live flow's trigger: what it listens for. A missed-call trigger may omit its kind (the first trigger there was). */
export type LiveTrigger =
  | ({ kind?: "trigger.missedCall" } & Pick<NodeConfig<"trigger.missedCall">, "numbers" | "reasons">)
  | ({ kind: "trigger.textReceived" } & Pick<NodeConfig<"trigger.textReceived">, "numbers" | "keywords">);

/** The trigger of a flow version from its trigger node (any draft config reads with its defaults), or null for a node that is no trigger. */
export function liveTriggerOf(node: { kind: string; config?: unknown } | undefined): LiveTrigger | null {
  if (node?.kind === "trigger.missedCall") return { kind: "trigger.missedCall", ...StoredMissedCallConfig.parse(node.config ?? {}) };
  if (node?.kind === "trigger.textReceived") return { kind: "trigger.textReceived", ...StoredTextReceivedConfig.parse(node.config ?? {}) };
  return null;
}

const isTextTrigger = (t: LiveTrigger): t is Extract<LiveTrigger, { kind: "trigger.textReceived" }> => t.kind === "trigger.textReceived";

/** The owner's order: priority, then the older flow, then id. */
export function inRunOrder<F extends Pick<LiveFlow, "id" | "priority" | "createdAt">>(flows: readonly F[]): F[] {
  return [...flows].sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The one flow that runs for this call, or null when no live flow listens for it. */
export function selectFlowForCall<F extends LiveFlow>(flows: readonly F[], call: { to: string; reason: CallReason }): F | null {
  return inRunOrder(flows).find((f) => !isTextTrigger(f.trigger) && triggerMatches(f.trigger, call)) ?? null;
}

/** The same rule for a text: the first live flow whose "Text received" trigger takes it (number, keywords). */
export function selectFlowForText<F extends LiveFlow>(flows: readonly F[], text: { to: string; body: string }): F | null {
  return inRunOrder(flows).find((f) => isTextTrigger(f.trigger) && textTriggerMatches(f.trigger, text)) ?? null;
}

/**
 * Two triggers overlap when something would start both: the same kind of trigger, a number in
 * common (none = all), and a reason in common (calls) or a keyword either would take (texts).
 */
export function triggersOverlap(a: LiveTrigger, b: LiveTrigger): boolean {
  const numbers = a.numbers.length === 0 || b.numbers.length === 0 || a.numbers.some((n) => b.numbers.includes(n));
  if (!numbers) return false;
  if (isTextTrigger(a) || isTextTrigger(b)) {
    if (!isTextTrigger(a) || !isTextTrigger(b)) return false;
    return a.keywords.length === 0 || b.keywords.length === 0 || a.keywords.some((k) => findKeyword(k, b.keywords) !== null);
  }
  return a.reasons.some((r) => b.reasons.includes(r));
}

/** The other live flows that would compete with `flow` for some call, in run order. */
export function overlappingFlows<F extends LiveFlow>(flow: LiveFlow, others: readonly F[]): F[] {
  return inRunOrder(others.filter((o) => o.id !== flow.id && triggersOverlap(flow.trigger, o.trigger)));
}
