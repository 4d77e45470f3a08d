import { z } from "zod";
import { exampleValues, isKnownVariable, isWebhookVariable, parseTemplate, type TemplateValues } from "./templates";

/**
 * "Send to a webhook": the owner's URL, a JSON body written as a template, and the answer's fields
 * kept for later steps as `{{webhook.<saveAs>.<field>}}` (e.g. `{{webhook.crm.id}}`). Fields are
 * declared on the step, so validation can tell a typo from a real field and the editor can offer them.
 */

const MAX_BODY_CHARS = 8000;
const MAX_FIELDS = 20;

/** "crm", "zapier2": a short name that heads the answer's variables. */
const SAVE_AS = /^[a-z][a-zA-Z0-9_]{0,31}$/;
/** "id", "lead.id", "data.0.name": a path into the answer's JSON. */
const FIELD_PATH = /^[A-Za-z0-9_-]{1,40}(\.[A-Za-z0-9_-]{1,40}){0,4}$/;

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** What is wrong with an address typed into the step, one problem at a time. */
function urlProblem(value: string): string | null {
  if (value === "") return "Enter the address to send to, such as https://hooks.zapier.com/…";
  if (value.length > 2000) return "Keep the address under 2,000 characters";
  if (!isWebUrl(value)) return "Enter a full web address starting with https://";
  const url = new URL(value);
  if (url.username !== "" || url.password !== "") return "Take the user name and password out of the address: Ringback signs each request instead";
  return null;
}

export const WebhookConfig = z.object({
  url: z
    .string({ error: "Enter the address to send to" })
    .trim()
    .superRefine((url, ctx) => {
      const problem = urlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  body: z
    .string({ error: "Write the body to send" })
    .refine((s) => s.trim().length > 0, "Write the body to send (JSON)")
    .refine((s) => s.length <= MAX_BODY_CHARS, `The body is too long: keep it under ${MAX_BODY_CHARS.toLocaleString("en-US")} characters`),
  saveAs: z.string().regex(SAVE_AS, "Name the answer with letters, digits or _, starting with a small letter, such as crm").default("crm"),
  fields: z
    .array(z.string().regex(FIELD_PATH, "A field is a name from the answer, such as id or lead.id"))
    .max(MAX_FIELDS, `Keep at most ${MAX_FIELDS} fields of the answer`)
    .default([]),
});
export type WebhookConfig = z.output<typeof WebhookConfig>;

/** The placeholder a new step starts with; validation asks for the real address before publishing. */
export const EXAMPLE_WEBHOOK_URL = "https://hooks.example.com/replace-me";

/** Valid whatever starts the flow (no {{call.*}}: a text-started flow has no call). */
export const defaultWebhookBody = `{
  "business": "{{business.name}}",
  "caller": { "name": "{{contact.name}}", "phone": "{{contact.phone}}" },
  "time": "{{trigger.time}}",
  "reply": "{{reply.body}}",
  "run": "{{run.link}}"
}`;

/** The canvas line: where it posts ("POST hooks.zapier.com"), or what is missing. */
export function webhookSummary(url: unknown): string {
  if (typeof url !== "string" || url.trim() === "") return "No address yet";
  if (url === EXAMPLE_WEBHOOK_URL) return "Set the address to post to";
  try {
    return `POST ${new URL(url).host}`;
  } catch {
    return "The address is not a web address";
  }
}

/** `webhook.crm.id` → { saveAs: "crm", field: "id" }; null when the name is not of that family. */
export function parseWebhookVariable(name: string): { saveAs: string; field: string } | null {
  const m = /^webhook\.([^.]+)\.(.+)$/.exec(name);
  return m ? { saveAs: m[1], field: m[2] } : null;
}

/** The template values of webhook answers: { crm: { id: "42" } } → { "webhook.crm.id": "42" }. */
export function webhookValues(answers: Record<string, Record<string, string>> | undefined): TemplateValues {
  const values: Record<string, string> = {};
  for (const [saveAs, fields] of Object.entries(answers ?? {})) {
    for (const [field, value] of Object.entries(fields)) values[`webhook.${saveAs}.${field}`] = value;
  }
  return values as TemplateValues;
}

/**
 * Fill a JSON body template: every value is JSON-escaped, so `"{{reply.body}}"` stays a valid string
 * whatever the caller wrote (quotes, backslashes, new lines). A variable outside quotes is the
 * owner's choice and validation says when that breaks the JSON.
 */
export function renderJsonTemplate(template: string, values: TemplateValues): string {
  const { tokens } = parseTemplate(template);
  let out = "";
  let at = 0;
  for (const t of tokens) {
    out += template.slice(at, t.start);
    const raw = isKnownVariable(t.name) || isWebhookVariable(t.name) ? (values as Record<string, string | null | undefined>)[t.name] : undefined;
    const value = raw != null && raw.trim() !== "" ? raw : (t.fallback ?? "");
    out += JSON.stringify(value).slice(1, -1);
    at = t.end;
  }
  return out + template.slice(at);
}

/** Why the body is not JSON once filled with example values, or null when it is. */
export function jsonBodyProblem(template: string, extra: TemplateValues = {}): string | null {
  const rendered = renderJsonTemplate(template, { ...exampleValues, ...extra });
  try {
    JSON.parse(rendered);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A field's value in the answer, as text: numbers and booleans written out, objects as JSON; null when absent. */
export function readField(json: unknown, path: string): string | null {
  let value: unknown = json;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The declared fields of an answer, as text (absent ones left out), each at most 1,000 characters. */
export function pickFields(json: unknown, fields: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const field of fields) {
    const value = readField(json, field);
    if (value !== null) picked[field] = value.slice(0, 1000);
  }
  return picked;
}
