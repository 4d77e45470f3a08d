import { countSegments } from "../../model/sms-segments";
import { renderTemplate, type TemplateValues } from "../../model/templates";
import type { HandleId, NodeKind } from "../../model/catalogue";
import type { TypedNode } from "../../model/graph";
import type { EffectKind, EffectRequest, EffectResult, SmsPurpose } from "../effects";
import { templateValues } from "../template-values";
import type { RunError, RunVars, StartFacts } from "../types";

/**
 * The contract between the interpreter and one node kind. A handler is called when the run enters
 * the node (phase null) and again with each result it asked for, in the phase it named; it answers
 * with the handle to leave by, or the next effect it needs. Handlers are pure; the only thing they
 * may change is `vars` (a copy owned by this advance() call).
 */
export type NodeRun<K extends NodeKind> = {
  node: TypedNode<K>;
  name: string;
  phase: string | null;
  /** Scratch data the node kept between its phases (e.g. the slots it offered). */
  data: unknown;
  result: EffectResult | null;
  facts: StartFacts;
  /** The run's time (ISO). */
  now: string;
  /** A wait counts the caller's texts after this moment: the `since` of a waitForReply (see reply-rule.ts). */
  repliesSince: string;
  vars: RunVars;
};

export type NodeOutcome<K extends NodeKind> =
  | { type: "go"; handle: HandleId<K>; note?: string }
  | { type: "effect"; effect: EffectRequest; phase: string; data?: unknown }
  | { type: "end"; note?: string }
  | { type: "fail"; error: RunError };

export type NodeHandler<K extends NodeKind> = (run: NodeRun<K>) => NodeOutcome<K>;

export const go = <K extends NodeKind>(handle: HandleId<K>, note?: string): NodeOutcome<K> => ({ type: "go", handle, note });

export const ask = <K extends NodeKind>(effect: EffectRequest, phase: string, data?: unknown): NodeOutcome<K> => ({ type: "effect", effect, phase, data });

/** The result of the effect this node asked for; the interpreter has checked its shape. */
export const resultOf = <E extends EffectKind>(run: NodeRun<NodeKind>, _kind: E) => run.result as EffectResult<E>;

/** Render a template with the run's values (plus node-specific ones such as booking.slots). */
export function render(run: NodeRun<NodeKind>, template: string, extra: TemplateValues = {}): string {
  return renderTemplate(template, { ...templateValues(run.facts, run.vars), ...extra }).trim();
}

/** A text to the caller, with its segment count for run history. */
export function smsTo(run: NodeRun<NodeKind>, body: string, immediate: boolean, purpose: SmsPurpose): EffectRequest {
  return { kind: "sendSms", to: run.facts.contact.e164, body, immediate, purpose, segments: countSegments(body).segments };
}

export const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
