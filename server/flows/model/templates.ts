/**
 * Message templates: `{{business.name}}`, with a fallback after a bar for values that may be
 * missing: `{{contact.firstName|there}}` reads "there" when the caller's first name is unknown.
 * The variable list drives the editor's picker and validation; rendering is pure string work so the
 * engine, the simulator and the editor preview produce the same text.
 */
import type { TriggerEvent } from "./catalogue";
export { countSegments, describeCharacter, describeSegments, type ForcedCharacter, type SegmentCount } from "./sms-segments";

/**
 * A variable the editor offers; `example` feeds the preview, `longest` the segment count: the
 * longest value it plausibly takes in a real text (plain GSM characters: an accented name or an
 * emoji can still make a text UCS-2).
 */
export type TemplateVariable = { name: string; label: string; description: string; example: string; longest: string; only?: TriggerEvent };

export const templateVariables = [
  { name: "business.name", label: "Business name", description: "Your business's name", example: "Acme Plumbing", longest: "Northside Plumbing & Heating Co." },
  { name: "business.phone", label: "Business phone", description: "The number the caller dialled", example: "(312) 555-0100", longest: "+44 20 7946 0958" },
  { name: "contact.firstName", label: "First name", description: "The caller's first name, when known", example: "Maria", longest: "Mary-Elizabeth" },
  { name: "contact.name", label: "Full name", description: "The caller's full name, when known", example: "Maria Lopez", longest: "Mary-Elizabeth Worthington-Smith" },
  { name: "contact.phone", label: "Caller's number", description: "The number that called", example: "(312) 555-0134", longest: "+44 20 7946 0958" },
  { name: "trigger.time", label: "Started at", description: "When the call came in or the text arrived, in your timezone", example: "9:47 PM", longest: "10:45 PM" },
  { name: "trigger.message", label: "Their text", description: "The text that started the flow (flows started by 'Text received')", example: "Hi, do you fix water heaters?", longest: "Hi, my water heater is leaking all over the basement floor. Can someone come out today or tomorrow morning?", only: "textReceived" },
  { name: "call.reason", label: "Why missed", description: "no answer, busy, failed, voicemail or hung up", example: "no answer", longest: "voicemail", only: "missedCall" },
  { name: "call.time", label: "Call time", description: "When the call came in, in your timezone", example: "9:47 PM", longest: "10:45 PM", only: "missedCall" },
  { name: "call.transcript", label: "Voicemail", description: "The voicemail transcript, when there is one", example: "Hi, my basement is flooding, please call back", longest: "Hi, this is about the water heater in the basement, it started leaking last night and now there is water all over the floor.", only: "missedCall" },
  { name: "reply.body", label: "Their reply", description: "The caller's last text back to you", example: "Yes please, tomorrow morning", longest: "Hi, yes please. Could someone come out tomorrow morning before 10? The leak is under the kitchen sink and getting worse" },
  { name: "booking.slots", label: "Free times", description: "The numbered list of free times offered", example: "1) Tue Mar 10, 9:00 AM\n2) Tue Mar 10, 9:45 AM\n3) Tue Mar 10, 10:30 AM", longest: "1) Wed Sep 30, 10:30 AM\n2) Wed Sep 30, 11:30 AM\n3) Wed Sep 30, 12:30 PM\n4) Thu Oct 1, 10:30 AM\n5) Thu Oct 1, 11:30 AM" },
  { name: "booking.link", label: "Booking link", description: "Your online booking page", example: "https://book.example.com/acme", longest: "https://book.northside-plumbing.example.com/appointments" },
  { name: "booking.time", label: "Booked time", description: "The appointment time the caller chose", example: "Tue Mar 10, 9:00 AM", longest: "Wed Sep 30, 12:30 PM" },
  { name: "run.link", label: "Run link", description: "A link to this run in Ringback (for staff)", example: "https://app.ringback.example/runs/123", longest: "https://app.ringback.example/clients/cmabcdefghijklmnopqrstuvw/runs/cmabcdefghijklmnopqrstuvw" },
] as const satisfies readonly TemplateVariable[];

/**
 * Does the variable have a value in a flow started by `event`? `call.*` exist only when a call
 * started the run, `trigger.message` only when a text did; everything else always. With no trigger
 * (a draft without one) every variable is offered.
 */
export function variableExistsFor(name: string, event: TriggerEvent | null): boolean {
  const only = (templateVariables as readonly TemplateVariable[]).find((v) => v.name === name)?.only;
  return !only || event === null || only === event;
}

/** The variables the editor offers in a flow started by `event` (all of them with no trigger). */
export const variablesFor = (event: TriggerEvent | null): readonly TemplateVariable[] => templateVariables.filter((v) => variableExistsFor(v.name, event));

/** A known variable name, such as "contact.firstName". */
export type VariableName = (typeof templateVariables)[number]["name"];
/**
 * The values a template is rendered with; missing or blank values use the fallback. Besides the fixed
 * variables, a webhook step's answer adds `webhook.<saveAs>.<field>` ones (model/webhook.ts).
 */
export type TemplateValues = Partial<Record<VariableName, string | null>> & { [name: `webhook.${string}`]: string | null | undefined };

/** A variable of the webhook-answer family, `webhook.crm.id`: known only against a flow's webhook steps (validation checks them). */
export const isWebhookVariable = (name: string): name is `webhook.${string}` => /^webhook\.[^.]+\..+$/.test(name);

const known = new Set<string>(templateVariables.map((v) => v.name));
export const isKnownVariable = (name: string): name is VariableName => known.has(name);

export const exampleValues: TemplateValues = Object.fromEntries(templateVariables.map((v) => [v.name, v.example]));
/** The longest plausible value of every variable, for counting segments at their worst. */
export const longestValues: TemplateValues = Object.fromEntries(templateVariables.map((v) => [v.name, v.longest]));

/** One `{{name|fallback}}` in a template. */
export type TemplateToken = { name: string; fallback: string | null; start: number; end: number };

const TOKEN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

/** The variables used in a template, and whether stray braces make it unreadable. */
export function parseTemplate(template: string): { tokens: TemplateToken[]; malformed: boolean } {
  const tokens: TemplateToken[] = [];
  for (const m of template.matchAll(TOKEN)) {
    tokens.push({ name: m[1], fallback: m[2] === undefined ? null : m[2].trim(), start: m.index, end: m.index + m[0].length });
  }
  const rest = template.replace(TOKEN, "");
  const malformed = rest.includes("{{") || rest.includes("}}") || tokens.some((t) => t.name === "");
  return { tokens, malformed };
}

/** Fill a template. Unknown variables render as their fallback (or nothing): validation catches them first. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(TOKEN, (_all, name: string, fallback: string | undefined) => {
    const value = isKnownVariable(name) || isWebhookVariable(name) ? values[name as VariableName] : undefined;
    return value != null && value.trim() !== "" ? value : (fallback?.trim() ?? "");
  });
}

/** Names used in a template that are not variables, in order of first use. */
export function unknownVariables(template: string): string[] {
  const names = parseTemplate(template).tokens.map((t) => t.name).filter((n) => n !== "" && !isKnownVariable(n));
  return [...new Set(names)];
}

/** The closest real variables to a mistyped one: same group first, then by spelling (whole name or last part). */
export function suggestVariables(name: string, count = 3): string[] {
  const lower = name.toLowerCase();
  const group = lower.includes(".") ? lower.split(".")[0] : null;
  const last = (s: string) => s.slice(s.lastIndexOf(".") + 1);
  return templateVariables
    .map((v) => {
      const candidate = v.name.toLowerCase();
      const spelling = Math.min(editDistance(lower, candidate), editDistance(last(lower), last(candidate)));
      return { name: v.name, rank: (group !== null && candidate.startsWith(`${group}.`) ? 0 : 100) + spelling };
    })
    .sort((a, b) => a.rank - b.rank)
    .slice(0, count)
    .map((v) => v.name);
}

/** "Unknown variable {{contact.nickname}}: use contact.name, contact.phone, contact.firstName, …" */
export function unknownVariableMessage(name: string): string {
  return `Unknown variable {{${name}}}: use ${suggestVariables(name).join(", ")}, …`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** US numbers as people write them, "(312) 555-0134"; other numbers stay in E.164. */
export function displayPhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}
