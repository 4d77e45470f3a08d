import { formatDayTime } from "../../../schedule/format";
import { endOfQuietHours, isQuietHours } from "../../../schedule/quiet-hours";
import type { NodeKind } from "../../model/catalogue";
import type { NodeConfig } from "../../model/catalogue";
import { CallReasons } from "../../model/node-configs";
import { callOf } from "../types";
import { findKeyword } from "./conditions";
import { ask, go, render, resultOf, smsTo, type NodeHandler, type NodeOutcome, type NodeRun } from "./node-handler";

/**
 * The trigger passes straight through when the call matches its settings. The runner only starts
 * flows whose trigger matches (see triggerMatches); checking again here keeps a mismatched start
 * from texting anyone.
 */
export const missedCall: NodeHandler<"trigger.missedCall"> = (run) => {
  const call = callOf(run.facts);
  if (!call) return { type: "end", note: "this flow starts from missed calls, not texts" };
  if (!triggerMatches(run.node.config, call)) {
    return { type: "end", note: `this flow does not handle ${call.reason} calls to ${call.to}` };
  }
  return go("next", `${call.reason} call from ${call.from}`);
};

/** Likewise for a text: the runner starts only flows whose trigger takes it (textTriggerMatches). */
export const textReceived: NodeHandler<"trigger.textReceived"> = (run) => {
  const { trigger } = run.facts;
  if (trigger.kind !== "textReceived") return { type: "end", note: "this flow starts from texts, not missed calls" };
  if (!textTriggerMatches(run.node.config, trigger.message)) {
    return { type: "end", note: `this flow does not handle this text to ${trigger.message.to}` };
  }
  return go("next", `text from ${trigger.message.from}: “${trigger.message.body.trim().slice(0, 60)}”`);
};

/**
 * Does a text start a flow with this trigger config? Empty `numbers` means every number; empty
 * `keywords` every text, otherwise the text must contain one of them (any case, as a word or phrase).
 */
export function textTriggerMatches(config: Pick<NodeConfig<"trigger.textReceived">, "numbers" | "keywords">, message: { to: string; body: string }): boolean {
  if (config.numbers.length > 0 && !config.numbers.includes(message.to)) return false;
  return config.keywords.length === 0 || findKeyword(message.body, config.keywords) !== null;
}

/** Does a missed call start a flow with this trigger config? Empty `numbers` means every number. */
export function triggerMatches(
  config: Pick<NodeConfig<"trigger.missedCall">, "numbers" | "reasons">,
  call: { to: string; reason: (typeof CallReasons)[number] },
): boolean {
  return (config.numbers.length === 0 || config.numbers.includes(call.to)) && config.reasons.includes(call.reason);
}

/**
 * Quiet hours: a text that is not an immediate reply waits for them to end. The engine asks for
 * the sleep itself, so it is a visible, durable step instead of a guardrail refusing to send.
 */
export function deferForQuietHours<K extends NodeKind>(run: NodeRun<K>, immediate: boolean, phase: string): NodeOutcome<K> | null {
  const { quietHours, timezone } = run.facts.schedule;
  if (immediate || !isQuietHours(quietHours, timezone, run.now)) return null;
  return ask({ kind: "sleep", until: endOfQuietHours(quietHours, timezone, run.now), reason: "quietHours" }, phase);
}

export const sendSms: NodeHandler<"action.sendSms"> = (run) => {
  const { template, immediate } = run.node.config;
  if (run.phase === null) {
    const deferred = deferForQuietHours(run, immediate, "deferred");
    if (deferred) return deferred;
  }
  if (run.phase === null || run.phase === "deferred") {
    const body = render(run, template);
    // Twilio rejects an empty body; a template made only of missing variables must not stall the run.
    if (body === "") return go("failed", "the text was empty once its variables were filled in");
    const note = run.phase === "deferred" ? `held for quiet hours until ${formatDayTime(run.now, run.facts.schedule.timezone)}` : undefined;
    return ask(smsTo(run, body, immediate, "text"), "sent", note);
  }
  const result = resultOf(run, "sendSms");
  const heldNote = typeof run.data === "string" ? run.data : undefined;
  return result.status === "sent" ? go("sent", heldNote) : go("failed", result.error ?? "the text could not be sent");
};

export const createLead: NodeHandler<"action.createLead"> = (run) => {
  if (run.phase === null) return ask({ kind: "createLead", contact: run.facts.contact.e164 }, "created");
  run.vars.leadId = resultOf(run, "createLead").leadId;
  return go("next", "lead created");
};

export const notifyStaff: NodeHandler<"action.notifyStaff"> = (run) => {
  const { template, channels } = run.node.config;
  if (run.phase === null) return ask({ kind: "notifyStaff", body: render(run, template), channels: [...channels] }, "notified");
  return go("next", `staff notified by ${channels.join(", ")}`);
};

export const end: NodeHandler<"end"> = () => ({ type: "end" });
