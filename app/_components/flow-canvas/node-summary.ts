import { formatPhone } from "@/server/clients/phone";
import { exampleValues, renderTemplate, type FlowNode, type TemplateValues } from "@/server/flows/model";

/**
 * What a text will read like, for the canvas: variables filled with examples, except the caller's
 * name, which shows its fallback ("there") because most callers are not known yet.
 */
const previewValues: TemplateValues = { ...exampleValues, "contact.firstName": null, "contact.name": null, "run.link": "(link)" };
export function previewText(template: string, max = 90): string {
  const text = renderTemplate(template, previewValues).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const duration = (minutes: number) =>
  minutes % 1440 === 0 ? `${minutes / 1440} day${minutes === 1440 ? "" : "s"}` : minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;

/** One line that says what a node is set to do, shown on the canvas. */
export function summarize(node: FlowNode): string {
  const c = node.config as Record<string, unknown>;
  switch (node.kind) {
    case "trigger.missedCall": {
      const numbers = (c.numbers as string[] | undefined) ?? [];
      return `${numbers.length ? numbers.map(formatPhone).join(", ") : "Any number"} · ${((c.reasons as string[] | undefined) ?? []).length || "all"} reasons`;
    }
    case "condition.businessHours":
      return "Open or closed right now?";
    case "condition.existingContact":
      return c.requireTag ? `Known, tagged “${c.requireTag}”` : c.requireOpenLead ? "Known, with an open lead" : "Called or texted before?";
    case "condition.keyword":
      return `${((c.keywords as string[] | undefined) ?? []).join(", ") || "No keywords yet"} in ${c.source === "voicemailTranscript" ? "voicemail" : "reply"}`;
    case "condition.cooldown":
      return `${duration(Number(c.windowMinutes ?? 0))}, ${c.scope === "any" ? "any flow" : "this flow"}`;
    case "action.sendSms":
    case "action.notifyStaff":
      return previewText(String(c.template ?? "")) || "No message yet";
    case "action.createLead":
      return "Open a lead for the caller";
    case "action.book":
      return c.mode === "link" ? "Text the booking link" : "Offer the next free times";
    case "wait.reply":
      return `Up to ${duration(Number(c.timeoutMinutes ?? 0))}`;
    case "wait.delay":
      return c.mode === "untilOpen" ? "Until the business opens" : `${duration(Number(c.minutes ?? 0))}`;
    case "end":
      return "The run ends";
    default:
      return "";
  }
}
