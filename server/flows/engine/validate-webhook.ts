import { nodeName, parseNode, type FlowNode, type TypedNode } from "../model/graph";
import { isKnownVariable, parseTemplate, suggestVariables } from "../model/templates";
import { EXAMPLE_WEBHOOK_URL, jsonBodyProblem, parseWebhookVariable, webhookValues } from "../model/webhook";
import { reachableFromAny, type Adjacency } from "./graph-analysis";
import type { Issue } from "./validate";

/**
 * What validation knows about "Send to a webhook": its body is a JSON template (known variables,
 * valid JSON once filled in), its address is one Ringback will post to, and every {{webhook.<saveAs>.<field>}} in any step names a webhook step's declared field and
 * comes after that step.
 */
export function webhookIssues(nodes: FlowNode[], adjacency: Adjacency): Issue[] {
  const issues: Issue[] = [];
  const hooks = nodes.flatMap((n) => {
    if (n.kind !== "action.webhook") return [];
    const parsed = parseNode(n);
    return parsed.ok ? [parsed.node as TypedNode<"action.webhook">] : [];
  });
  // Two steps may save under one name (say, one CRM post per branch): a later {{webhook.crm.id}} reads whichever ran last.
  // Read leniently: a step whose address is still missing keeps its answer's name and fields, so
  // the steps that use them are not reported as well.
  const bySaveAs = new Map<string, Answer[]>();
  for (const node of nodes) {
    if (node.kind !== "action.webhook") continue;
    const answer = answerOf(node);
    bySaveAs.set(answer.saveAs, [...(bySaveAs.get(answer.saveAs) ?? []), answer]);
  }
  const examples: Record<string, Record<string, string>> = {};
  for (const h of hooks) for (const f of h.config.fields) (examples[h.config.saveAs] ??= {})[f] = `example ${f}`;
  const sample = webhookValues(examples);

  for (const hook of hooks) {
    issues.push(...bodyIssues(hook, sample), ...addressIssues(hook));
  }
  const after = new Map<string, Set<string>>();
  const runsBefore = (hookId: string, nodeId: string) => {
    if (!after.has(hookId)) after.set(hookId, reachableFromAny(adjacency.get(hookId) ?? [], adjacency));
    return after.get(hookId)!.has(nodeId);
  };
  for (const node of nodes) issues.push(...answerUses(node, bySaveAs, runsBefore));
  return issues;
}

function bodyIssues(hook: TypedNode<"action.webhook">, sample: ReturnType<typeof webhookValues>): Issue[] {
  const name = nodeName(hook);
  const { tokens, malformed } = parseTemplate(hook.config.body);
  if (malformed) return [error("template.malformed", `'${name}' has a "{{" or "}}" in its body that is not part of a variable: variables look like {{contact.name}}.`, hook.id, "body")];
  const issues: Issue[] = [];
  for (const unknown of new Set(tokens.map((t) => t.name).filter((n) => n !== "" && !isKnownVariable(n) && !parseWebhookVariable(n)))) {
    issues.push(error("template.unknownVariable", `Unknown variable {{${unknown}}} in '${name}': use ${suggestVariables(unknown).join(", ")}, …`, hook.id, "body"));
  }
  const problem = jsonBodyProblem(hook.config.body, sample);
  if (problem) {
    issues.push(
      error(
        "webhook.bodyNotJson",
        `'${name}' would not send valid JSON (${problem}): put variables inside quotes, such as "name": "{{contact.name}}", and check commas and braces.`,
        hook.id,
        "body",
      ),
    );
  }
  return issues;
}

const PRIVATE_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[(::1?|f[cd][0-9a-f]*:.*|fe[89ab][0-9a-f]*:.*|::ffff:.*)\])$/i;

/** Ringback refuses private addresses in production (server/integrations/webhook/address-guard.ts); say so while editing. */
function addressIssues(hook: TypedNode<"action.webhook">): Issue[] {
  const url = new URL(hook.config.url);
  const name = nodeName(hook);
  if (hook.config.url === EXAMPLE_WEBHOOK_URL) {
    return [error("webhook.exampleAddress", `'${name}' still posts to the example address: enter your receiver's address (your CRM's, Zapier's or Make's webhook URL).`, hook.id, "url")];
  }
  if (PRIVATE_HOST.test(url.hostname)) {
    return [warning("webhook.privateAddress", `'${name}' posts to ${url.hostname}, a private address: it works only in development; live flows post only to public internet addresses.`, hook.id, "url")];
  }
  if (url.protocol === "http:") {
    return [warning("webhook.notHttps", `'${name}' posts to an http:// address, so the caller's details travel unencrypted: use https:// if the receiver offers it.`, hook.id, "url")];
  }
  return [];
}

/** Every {{webhook.x.y}} in a step's settings: x must be a webhook step that keeps y and can run before this step. */
type Answer = { id: string; name: string; saveAs: string; fields: string[] };

function answerOf(node: FlowNode): Answer {
  const { saveAs, fields } = node.config;
  return {
    id: node.id,
    name: nodeName(node),
    saveAs: typeof saveAs === "string" ? saveAs : "crm",
    fields: Array.isArray(fields) ? fields.filter((f): f is string => typeof f === "string") : [],
  };
}

function answerUses(node: FlowNode, bySaveAs: Map<string, Answer[]>, runsBefore: (hookId: string, nodeId: string) => boolean): Issue[] {
  const issues: Issue[] = [];
  const name = nodeName(node);
  for (const [field, text] of templateStrings(node.config)) {
    for (const token of parseTemplate(text).tokens) {
      const use = parseWebhookVariable(token.name);
      if (!use) continue;
      const hooks = bySaveAs.get(use.saveAs) ?? [];
      const keeping = hooks.filter((h) => h.fields.includes(use.field));
      const variable = `{{${token.name}}}`;
      if (hooks.length === 0) {
        const names = [...bySaveAs.keys()];
        const fix = names.length > 0 ? `the webhook answers in this flow are ${names.map((n) => `"${n}"`).join(", ")}` : "add a 'Send to a webhook' step before it";
        issues.push(error("webhook.unknownAnswer", `${variable} in '${name}' names no webhook step's answer "${use.saveAs}": ${fix}.`, node.id, field));
      } else if (keeping.length === 0) {
        const kept = [...new Set(hooks.flatMap((h) => h.fields))];
        const fields = kept.length > 0 ? `it keeps ${kept.join(", ")}` : "it keeps no fields yet";
        issues.push(error("webhook.unknownField", `${variable} in '${name}': '${hooks[0].name}' does not keep the field "${use.field}" (${fields}): add it to the fields it keeps.`, node.id, field));
      } else if (!keeping.some((h) => runsBefore(h.id, node.id))) {
        issues.push(warning("webhook.answerNotBefore", `${variable} in '${name}' is always empty there: '${keeping[0].name}' does not run before it.`, node.id, field));
      }
    }
  }
  return issues;
}

/** The string settings of a step that may hold variables, with their field paths. */
function templateStrings(config: Record<string, unknown>): [string, string][] {
  return Object.entries(config).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].includes("{{"));
}

const error = (code: string, message: string, nodeId: string, field?: string): Issue => ({ code, severity: "error", message, nodeId, ...(field ? { field } : {}) });
const warning = (code: string, message: string, nodeId: string, field?: string): Issue => ({ code, severity: "warning", message, nodeId, ...(field ? { field } : {}) });
