import { templateFieldsOf } from "../model/catalogue";
import { nodeName, parseNode, type FlowNode } from "../model/graph";
import { countSegments, type SegmentCount } from "../model/sms-segments";
import { exampleValues, isKnownVariable, parseTemplate, renderTemplate, suggestVariables } from "../model/templates";
import type { Issue } from "./validate";

/**
 * The checks that concern one node on its own: its settings against its kind's schema, and its
 * message templates (variables, braces, length).
 */


export function nodeIssues(node: FlowNode): Issue[] {
  return [...configIssues(node), ...templateIssues(node), ...bookingIssues(node)];
}

function configIssues(node: FlowNode): Issue[] {
  const parsed = parseNode(node);
  if (parsed.ok) return [];
  const name = nodeName(node);
  return parsed.error.issues.map((issue) => ({
    code: "config.invalid",
    severity: "error",
    nodeId: node.id,
    field: issue.path.join(".") || undefined,
    message: `'${name}': ${issue.message}.`,
  }));
}

function templateIssues(node: FlowNode): Issue[] {
  const name = nodeName(node);
  const issues: Issue[] = [];
  for (const { field, customerFacing } of templateFieldsOf(node.kind)) {
    const template = node.config[field];
    if (typeof template !== "string" || template.trim() === "") continue;
    const { tokens, malformed } = parseTemplate(template);
    if (malformed) {
      issues.push({
        code: "template.malformed",
        severity: "error",
        nodeId: node.id,
        field,
        message: `'${name}' has a "{{" or "}}" that is not part of a variable: variables look like {{contact.firstName|there}}.`,
      });
    }
    for (const unknown of new Set(tokens.map((t) => t.name).filter((n) => n !== "" && !isKnownVariable(n)))) {
      issues.push({
        code: "template.unknownVariable",
        severity: "error",
        nodeId: node.id,
        field,
        message: `Unknown variable {{${unknown}}} in '${name}': use ${suggestVariables(unknown).join(", ")}, …`,
      });
    }
    if (customerFacing) {
      const count = countSegments(renderTemplate(template, exampleValues));
      if (count.segments > 1) issues.push({ code: "sms.multiSegment", severity: "warning", nodeId: node.id, field, message: lengthMessage(name, count) });
    }
  }
  return issues;
}

/** "'Text back' is about 2 texts long (187 characters; 160 fit in one text): shorten it …" */
export function lengthMessage(name: string, count: SegmentCount): string {
  const size = `about ${count.segments} texts long (${count.units} characters with example values; ${count.singleLimit} fit in one text)`;
  if (!count.forcedBy) return `'${name}' is ${size}: each extra text costs more, so shorten it to send as one.`;
  const fix = count.forcedBy.hint ? `: ${count.forcedBy.hint} so 160 characters fit` : "";
  return `'${name}' is ${size} because ${count.forcedBy.name} allows only 70 characters per text${fix}.`;
}

/** An offer without the times, or a link text without the link, would leave the caller guessing. */
function bookingIssues(node: FlowNode): Issue[] {
  if (node.kind !== "action.book" || typeof node.config.template !== "string") return [];
  const mode = node.config.mode ?? "offerSlots";
  const needed = mode === "link" ? "booking.link" : "booking.slots";
  const used = parseTemplate(node.config.template).tokens.some((t) => t.name === needed);
  if (used) return [];
  const what = mode === "link" ? "the booking link" : "the free times";
  return [
    {
      code: "template.missingVariable",
      severity: "error",
      nodeId: node.id,
      field: "template",
      message: `'${nodeName(node)}' must include {{${needed}}} so the caller gets ${what}.`,
    },
  ];
}
