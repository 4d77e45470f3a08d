import { handleLabelOf, handlesOf, isTrigger, nodeKinds, templateFieldsOf, TriggerKinds, triggerEventOf, type TriggerEvent } from "../model/catalogue";
import { isKnownVariable, parseTemplate, templateVariables, variableExistsFor } from "../model/templates";
import { FlowGraph, nodeName, type FlowNode } from "../model/graph";
import { loops, reachableFrom, reachableFromAny, type Adjacency } from "./graph-analysis";
import { nodeIssues } from "./validate-node";
import { webhookIssues } from "./validate-webhook";

/**
 * Publishing rules. A draft may be saved with issues; it can be published only without errors.
 * Messages name steps by their label (or the kind's label) and say what to do, because a business
 * owner reads them.
 *
 * Loops: a loop is allowed only if every way round it passes through a wait step (wait.reply or
 * wait.delay), so each pass takes real time and the caller can break it; a loop with no wait
 * would spin instantly, so it is an error. The engine's step budget stops any loop in the end.
 */

/** A problem found in a flow. `nodeId`/`field`/`handle` let the editor point at it. */
export type Issue = {
  code: string;
  severity: "error" | "warning";
  nodeId?: string;
  /** A config field path, "template" or "keywords.0". */
  field?: string;
  /** An output handle id, for unconnected or doubly connected outputs. */
  handle?: string;
  message: string;
};

export const hasErrors = (issues: Issue[]): boolean => issues.some((i) => i.severity === "error");

export function validate(input: unknown): Issue[] {
  const shape = FlowGraph.safeParse(input);
  if (!shape.success) {
    return shape.error.issues.map((issue) => ({
      code: "graph.shape",
      severity: "error",
      field: issue.path.join("."),
      message: `The flow could not be read (${issue.path.join(".") || "graph"}): ${issue.message}.`,
    }));
  }
  const graph = shape.data;
  const byId = new Map<string, FlowNode>();
  const issues: Issue[] = [];
  for (const node of graph.nodes) {
    if (byId.has(node.id)) issues.push(error("node.duplicateId", `Two steps share the id '${node.id}': give each step its own id.`, node.id));
    else byId.set(node.id, node);
  }
  const name = (id: string) => nodeName(byId.get(id)!);

  const edgeIds = new Set<string>();
  const adjacency: Adjacency = new Map(graph.nodes.map((n) => [n.id, []]));
  const outputs = new Map<string, number>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) issues.push(error("edge.duplicateId", `Two connections share the id '${edge.id}': reconnect one of them.`));
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) {
      issues.push(error("edge.unknownSource", `A connection starts at a step that no longer exists ('${edge.source}'): delete it.`));
      continue;
    }
    const handles = handlesOf(source);
    if (!handles.some((h) => h.id === edge.sourceHandle)) {
      const message =
        handles.length === 0
          ? `'${name(source.id)}' ends the flow, so nothing can follow it: delete the connection after it.`
          : `'${name(source.id)}' has no '${edge.sourceHandle}' output: connect from ${handles.map((h) => `'${h.label.toLowerCase()}'`).join(" or ")} instead.`;
      issues.push(error("edge.unknownHandle", message, source.id, { handle: edge.sourceHandle }));
      continue;
    }
    if (!target) {
      issues.push(error("edge.unknownTarget", `'${name(source.id)}' leads to a step that no longer exists: reconnect its '${handleLabel(source, edge.sourceHandle)}' output.`, source.id, { handle: edge.sourceHandle }));
      continue;
    }
    if (isTrigger(target.kind)) {
      issues.push(error("edge.intoTrigger", `'${name(target.id)}' starts the flow, so nothing can lead into it: delete the connection from '${name(source.id)}'.`, target.id));
      continue;
    }
    const key = `${source.id}\u0000${edge.sourceHandle}`;
    outputs.set(key, (outputs.get(key) ?? 0) + 1);
    adjacency.get(source.id)!.push(target.id);
  }

  for (const node of byId.values()) {
    for (const h of handlesOf(node)) {
      const count = outputs.get(`${node.id}\u0000${h.id}`) ?? 0;
      if (count === 0) issues.push(error("handle.unconnected", `'${name(node.id)}' has no next step for '${h.label.toLowerCase()}'.`, node.id, { handle: h.id }));
      if (count > 1) issues.push(error("handle.multiple", `'${name(node.id)}' has ${count} next steps for '${h.label.toLowerCase()}': keep only one.`, node.id, { handle: h.id }));
    }
    issues.push(...nodeIssues(node));
  }

  issues.push(...flowIssues([...byId.values()], adjacency, name, (id) => byId.get(id)!.kind));
  issues.push(...webhookIssues([...byId.values()], adjacency));
  issues.push(...triggerVariableIssues([...byId.values()]));
  return issues;
}

/**
 * Variables that have no value in this flow: `call.*` when no call starts it, `trigger.message`
 * when no text does (model/templates.ts says which variable needs which trigger); and a keyword
 * check on the voicemail in a flow no call starts.
 */
function triggerVariableIssues(nodes: FlowNode[]): Issue[] {
  const trigger = nodes.find((n) => isTrigger(n.kind));
  const event = trigger ? triggerEventOf(trigger.kind) : null;
  if (!trigger || !event) return [];
  const triggerLabel = nodeKinds[trigger.kind].label;
  const issues: Issue[] = [];
  for (const node of nodes) {
    // The webhook body is a template too (its other checks are in validate-webhook.ts).
    const fields = [...templateFieldsOf(node.kind).map((f) => f.field), ...(node.kind === "action.webhook" ? ["body"] : [])];
    for (const field of fields) {
      const template = node.config[field];
      if (typeof template !== "string") continue;
      const names = new Set(parseTemplate(template).tokens.map((t) => t.name).filter((n) => isKnownVariable(n) && !variableExistsFor(n, event)));
      for (const name of names) {
        issues.push(error("template.notForTrigger", `{{${name}}} in '${nodeName(node)}' has no value in a flow started by '${triggerLabel}'${instead(name, event)}.`, node.id, { field }));
      }
    }
    if (node.kind === "condition.keyword" && node.config.source === "voicemailTranscript" && event !== "missedCall") {
      issues.push(error("keyword.noVoicemail", `'${nodeName(node)}' looks in a voicemail, but a flow started by '${triggerLabel}' has none: look in the reply instead.`, node.id, { field: "source" }));
    }
  }
  return issues;
}

/** ": use {{trigger.time}} instead", when a variable of this flow's trigger says the same. */
function instead(name: string, event: TriggerEvent): string {
  const alternatives: Record<string, string> = { "call.time": "trigger.time", "call.transcript": "trigger.message", "trigger.message": "call.transcript" };
  const alt = alternatives[name];
  return alt && variableExistsFor(alt, event) && templateVariables.some((v) => v.name === alt) ? `: use {{${alt}}} instead` : ": remove it";
}

/** Rules about the flow as a whole: trigger, reachability, loops, texting. */
function flowIssues(nodes: FlowNode[], adjacency: Adjacency, name: (id: string) => string, kindOf: (id: string) => FlowNode["kind"]): Issue[] {
  const issues: Issue[] = [];
  const triggers = nodes.filter((n) => isTrigger(n.kind));
  if (triggers.length === 0) {
    const names = TriggerKinds.map((k) => `'${nodeKinds[k].label}'`).join(" or ");
    issues.push(error("trigger.missing", `Add a trigger (${names}): every flow starts with one.`));
  }
  for (const extra of triggers.slice(1)) {
    issues.push(error("trigger.multiple", `A flow has one trigger: remove '${name(extra.id)}' or make it a separate flow.`, extra.id));
  }

  const reachable = triggers.length > 0 ? reachableFrom(triggers[0].id, adjacency) : new Set<string>();
  if (triggers.length > 0) {
    for (const node of nodes) {
      if (!reachable.has(node.id) && !isTrigger(node.kind)) {
        issues.push(error("node.unreachable", `'${name(node.id)}' can't be reached from the trigger: connect it or delete it.`, node.id));
      }
    }
  }

  const isWait = (id: string) => nodeKinds[kindOf(id)].category === "wait";
  const withoutWaits: Adjacency = new Map([...adjacency].filter(([id]) => !isWait(id)).map(([id, to]) => [id, to.filter((t) => !isWait(t))]));
  const ids = nodes.map((n) => n.id);
  for (const loop of loops(ids, withoutWaits)) {
    const names = loop.map((id) => `'${name(id)}'`).join(", ");
    const message =
      loop.length === 1
        ? `${names} leads back to itself without waiting, so the flow would run forever: put a 'Wait for reply' or 'Wait' step in between, or lead it to an end.`
        : `${names} loop back to each other without waiting, so the flow would run forever: put a 'Wait for reply' or 'Wait' step in the loop, or lead it to an end.`;
    issues.push(error("cycle.noWait", message, loop[0]));
  }
  for (const loop of loops(ids, adjacency)) {
    const texter = loop.find((id) => nodeKinds[kindOf(id)].texts);
    if (texter) {
      issues.push(warning("cycle.texts", `'${name(texter)}' is in a loop, so the caller may get this text again on every pass: make sure the loop ends after a few tries.`, texter));
    }
  }

  const texts = nodes.some((n) => reachable.has(n.id) && nodeKinds[n.kind].texts);
  if (triggers.length > 0 && !texts) issues.push(warning("flow.neverTexts", "This flow never texts the caller: add a 'Send a text' step so missed callers hear back."));

  // A keyword check on the reply before anything waits for one can only ever say "no match".
  // One walk forward from every step that waits for a reply finds all the steps after one
  // (a walk back from each keyword step instead would be quadratic in a chain of them).
  // A flow started by a text has their text to look in from the start (it is their last reply).
  const waitsForReply = nodes.filter((n) => nodeKinds[n.kind].readsReply || triggerEventOf(n.kind) === "textReceived").map((n) => n.id);
  const afterAReply = reachableFromAny(waitsForReply, adjacency);
  for (const node of nodes) {
    if (node.kind !== "condition.keyword" || (node.config.source ?? "lastReply") !== "lastReply" || !reachable.has(node.id)) continue;
    if (!afterAReply.has(node.id)) {
      issues.push(warning("keyword.noReply", `'${name(node.id)}' looks in the caller's reply, but no step before it waits for one: add a 'Wait for reply' before it.`, node.id));
    }
  }
  return issues;
}

function handleLabel(node: FlowNode, handle: string) {
  return (handleLabelOf(node, handle) ?? handle).toLowerCase();
}

const error = (code: string, message: string, nodeId?: string, extra: Partial<Issue> = {}): Issue => ({ code, severity: "error", message, ...(nodeId ? { nodeId } : {}), ...extra });
const warning = (code: string, message: string, nodeId?: string): Issue => ({ code, severity: "warning", message, ...(nodeId ? { nodeId } : {}) });
