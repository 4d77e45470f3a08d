import type { z } from "zod";
import {
  AbSplitConfig,
  BookConfig,
  BusinessHoursConfig,
  CooldownConfig,
  CreateLeadConfig,
  EndConfig,
  ExistingContactConfig,
  KeywordConfig,
  MissedCallConfig,
  NotifyStaffConfig,
  SendSmsConfig,
  SplitBranchIds,
  TagContactConfig,
  TextReceivedConfig,
  WaitDelayConfig,
  WaitReplyConfig,
} from "./node-configs";
import { duration, phones, previewText, strings } from "./summary-text";
import { defaultWebhookBody, EXAMPLE_WEBHOOK_URL, WebhookConfig, webhookSummary } from "./webhook";

/**
 * The node catalogue: the one place a node kind is declared, with every fact about it that more
 * than one part of the app needs — its settings schema, outputs, canvas summary, icon, template
 * fields, whether it texts the contact or reads their reply, and the names of the effects it asks
 * for. The kind union, the graph schema, validation, the palette, the canvas, run history and the
 * simulator all read it; the engine's handlers and the editor's forms are maps typed over
 * `NodeKind`, so a kind added here without them fails to compile. Browser-safe.
 * How to add a kind: README, "How to add a node kind".
 */

/** Where a node sits in the palette. */
export type NodeCategory = "trigger" | "condition" | "action" | "wait" | "end";

/** An output of a node: edges leave from a handle. `label` is what the canvas and messages show. */
export type HandleDef = { id: string; label: string };

/**
 * Everything the engine can ask the world for (engine/effects.ts defines their shapes and checks it
 * has exactly these). Named here so each kind can label the effects it asks for, for run history.
 */
export const EffectNames = ["sendSms", "claimCooldown", "createLead", "notifyStaff", "waitForReply", "sleep", "findSlots", "bookSlot", "tagContact", "pickBranch", "postWebhook"] as const;
export type EffectName = (typeof EffectNames)[number];

/**
 * What starts a run: the `trigger` of its start facts (engine/types.ts). A trigger kind names the
 * one it answers; template variables that only exist for one of them (`call.*` for a missed call,
 * `trigger.message` for a text) say so (model/templates.ts), and validation holds a flow to its own.
 */
export const TriggerEvents = ["missedCall", "textReceived"] as const;
export type TriggerEvent = (typeof TriggerEvents)[number];

/** A config as a draft may hold it: any field may be missing (or, typed by hand, wrong). */
export type DraftConfig<C extends z.ZodType> = Partial<z.input<C>>;

/** A field of a kind's config holding a message template ({{variables}}). */
export type TemplateField<C extends z.ZodType> = {
  field: Extract<keyof z.input<C>, string>;
  /** Sent to the contact (so its length in texts matters), rather than to staff. */
  customerFacing: boolean;
};

type KindDef<C extends z.ZodType, H extends readonly HandleDef[], I extends string> = {
  label: string;
  description: string;
  /** A lucide-react icon name; the canvas's icon map is typed over these names. */
  icon: I;
  category: NodeCategory;
  /** Every output the kind can have (their ids are the engine's `HandleId`s). */
  handles: H;
  /**
   * The outputs a node has with this config, when they depend on it (an A/B split has as many as
   * it has branches, labelled by them); without it, a node has all of `handles`.
   */
  outputs?: (config: DraftConfig<C>) => HandleDef[];
  config: C;
  defaultConfig: z.input<C>;
  /** One line that says what the node is set to do, on the canvas. Reads a draft config. */
  summary: (config: DraftConfig<C>) => string;
  /** Its message templates: checked for variables and (customer-facing ones) length. */
  templates: readonly TemplateField<C>[];
  /** It texts the contact: a flow must have one, and one in a loop is warned about. */
  texts: boolean;
  /** It waits for the contact's reply: a keyword check on the reply needs one before it. */
  readsReply: boolean;
  /** The effects it may ask for, with the name run history and the simulator show for each. */
  effects: Partial<Record<EffectName, string>>;
  /** A trigger (category "trigger") names what starts its runs; no other kind has this. */
  startsOn?: TriggerEvent;
};

const kind = <C extends z.ZodType, const H extends readonly HandleDef[], const I extends string>(def: KindDef<C, H, I>) => def;
const next = [{ id: "next", label: "Next" }] as const;
/** Texting may first wait out quiet hours: both show in run history. */
const textEffects = { sendSms: "Text", sleep: "Hold for quiet hours" } as const;

export const nodeKinds = {
  "trigger.missedCall": kind({
    label: "Missed call",
    description: "Starts the flow when a call to one of your numbers is not answered.",
    icon: "PhoneMissed",
    category: "trigger",
    handles: next,
    config: MissedCallConfig,
    defaultConfig: { numbers: [], reasons: ["no-answer", "busy", "failed", "voicemail", "canceled"] },
    summary: (c) => `${phones(c.numbers) || "Any number"} · ${strings(c.reasons).length || "all"} reasons`,
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
    startsOn: "missedCall",
  }),
  "trigger.textReceived": kind({
    label: "Text received",
    description: "Starts the flow when someone texts one of your numbers and no run is waiting for their reply. Their text is {{trigger.message}}.",
    icon: "MessageSquareText",
    category: "trigger",
    handles: next,
    config: TextReceivedConfig,
    defaultConfig: { numbers: [], keywords: [] },
    summary: (c) => `${phones(c.numbers) || "Any number"} · ${strings(c.keywords).length ? strings(c.keywords).join(", ") : "any text"}`,
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
    startsOn: "textReceived",
  }),
  "condition.businessHours": kind({
    label: "Business hours?",
    description: "Checks whether the business is open right now, using your hours, closures and timezone.",
    icon: "Clock",
    category: "condition",
    handles: [
      { id: "open", label: "Open" },
      { id: "closed", label: "Closed" },
    ],
    config: BusinessHoursConfig,
    defaultConfig: {},
    summary: () => "Open or closed right now?",
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
  }),
  "condition.existingContact": kind({
    label: "Known caller?",
    description: "Checks whether the caller was already a contact before this call (optionally with a tag or an open lead).",
    icon: "UserCheck",
    category: "condition",
    handles: [
      { id: "yes", label: "Known caller" },
      { id: "no", label: "New caller" },
    ],
    config: ExistingContactConfig,
    defaultConfig: { requireOpenLead: false },
    summary: (c) => (c.requireTag ? `Known, tagged “${c.requireTag}”` : c.requireOpenLead ? "Known, with an open lead" : "Called or texted before?"),
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
  }),
  "condition.keyword": kind({
    label: "Keyword?",
    description: "Looks for words or phrases (any case) in the caller's last reply or in their voicemail.",
    icon: "TextSearch",
    category: "condition",
    handles: [
      { id: "match", label: "Match" },
      { id: "noMatch", label: "No match" },
    ],
    config: KeywordConfig,
    defaultConfig: { keywords: ["emergency"], source: "lastReply" },
    summary: (c) => `${strings(c.keywords).join(", ") || "No keywords yet"} in ${c.source === "voicemailTranscript" ? "voicemail" : "reply"}`,
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
  }),
  "condition.cooldown": kind({
    label: "Cooldown",
    description: "Lets a caller through once per window, so someone who calls five times gets one text.",
    icon: "TimerReset",
    category: "condition",
    handles: [
      { id: "pass", label: "Go ahead" },
      { id: "cooling", label: "Cooling down" },
    ],
    config: CooldownConfig,
    defaultConfig: { windowMinutes: 60, scope: "flow" },
    summary: (c) => `${duration(c.windowMinutes)}, ${c.scope === "any" ? "any flow" : "this flow"}`,
    templates: [],
    texts: false,
    readsReply: false,
    effects: { claimCooldown: "Cooldown check" },
  }),
  "action.sendSms": kind({
    label: "Send a text",
    description: "Texts the caller. Variables such as {{contact.firstName|there}} are filled in when it is sent.",
    icon: "MessageSquare",
    category: "action",
    handles: [
      { id: "sent", label: "Sent" },
      { id: "failed", label: "Failed" },
    ],
    config: SendSmsConfig,
    defaultConfig: { template: "Hi {{contact.firstName|there}}, sorry we missed your call! How can we help? - {{business.name}}", immediate: false },
    summary: (c) => previewText(c.template) || "No message yet",
    templates: [{ field: "template", customerFacing: true }],
    texts: true,
    readsReply: false,
    effects: textEffects,
  }),
  "action.createLead": kind({
    label: "Create lead",
    description: "Saves the caller as a contact and opens a lead for them (one open lead per contact).",
    icon: "UserPlus",
    category: "action",
    handles: next,
    config: CreateLeadConfig,
    defaultConfig: {},
    summary: () => "Open a lead for the caller",
    templates: [],
    texts: false,
    readsReply: false,
    effects: { createLead: "Create lead" },
  }),
  "action.notifyStaff": kind({
    label: "Notify staff",
    description: "Tells your staff by text and in the app (and by email when it is set up).",
    icon: "BellRing",
    category: "action",
    handles: next,
    config: NotifyStaffConfig,
    // {{trigger.time}}, not {{call.time}}: a new step must be valid whatever starts the flow.
    defaultConfig: { template: "{{contact.name|A new caller}} ({{contact.phone}}) needs you: they got in touch at {{trigger.time}}. {{run.link}}", channels: ["sms", "inApp"] },
    summary: (c) => previewText(c.template) || "No message yet",
    templates: [{ field: "template", customerFacing: false }],
    texts: false,
    readsReply: false,
    effects: { notifyStaff: "Notify staff" },
  }),
  "action.book": kind({
    label: "Book appointment",
    description: "Texts the next free times and books the one the caller picks, or texts your booking link.",
    icon: "CalendarCheck",
    category: "action",
    handles: [
      { id: "booked", label: "Booked" },
      { id: "notBooked", label: "Not booked" },
    ],
    config: BookConfig,
    defaultConfig: {
      mode: "offerSlots",
      replyTimeoutMinutes: 24 * 60,
      template: "Want to book a visit? Reply with a number:\n{{booking.slots}}",
      confirmTemplate: "You're booked for {{booking.time}}. See you then! - {{business.name}}",
    },
    summary: (c) => (c.mode === "link" ? "Text the booking link" : "Offer the next free times"),
    templates: [
      { field: "template", customerFacing: true },
      { field: "confirmTemplate", customerFacing: true },
    ],
    texts: true,
    readsReply: true,
    effects: { ...textEffects, findSlots: "Find free times", waitForReply: "Wait for a choice", bookSlot: "Book" },
  }),
  "action.tagContact": kind({
    label: "Tag contact",
    description: "Adds tags to the caller's contact, or removes them. A later 'Known caller?' step can check a tag.",
    icon: "Tag",
    category: "action",
    handles: next,
    config: TagContactConfig,
    defaultConfig: { add: ["missed call"], remove: [] },
    summary: (c) => tagSummary(strings(c.add), strings(c.remove)),
    templates: [],
    texts: false,
    readsReply: false,
    effects: { tagContact: "Tag contact" },
  }),
  "action.abSplit": kind({
    label: "A/B split",
    description: "Sends each run down one branch at random, by weight, so you can compare which text gets more replies on the dashboard.",
    icon: "Split",
    category: "action",
    handles: [
      { id: "a", label: "Branch A" },
      { id: "b", label: "Branch B" },
      { id: "c", label: "Branch C" },
      { id: "d", label: "Branch D" },
    ],
    outputs: (c) => splitBranches(c.branches).map((b) => ({ id: b.id, label: b.label })),
    config: AbSplitConfig,
    defaultConfig: {
      branches: [
        { label: "Text A", weight: 50 },
        { label: "Text B", weight: 50 },
      ],
    },
    summary: (c) => splitBranches(c.branches).map((b) => `${b.label} ${b.percent}`).join(" · "),
    templates: [],
    texts: false,
    readsReply: false,
    effects: { pickBranch: "Pick a branch" },
  }),
  "action.webhook": kind({
    label: "Send to a webhook",
    description: "Posts the caller's details as JSON to your CRM, Zapier or Make, signed; fields of its answer can be used in later steps.",
    icon: "Webhook",
    category: "action",
    handles: [
      { id: "ok", label: "Delivered" },
      { id: "failed", label: "Failed" },
    ],
    config: WebhookConfig,
    defaultConfig: { url: EXAMPLE_WEBHOOK_URL, body: defaultWebhookBody, saveAs: "crm", fields: [] },
    summary: (c) => webhookSummary(c.url),
    // The body is a JSON template with checks of its own (engine/validate-webhook.ts), not a text.
    templates: [],
    texts: false,
    readsReply: false,
    effects: { postWebhook: "Send to webhook" },
  }),
  "wait.reply": kind({
    label: "Wait for reply",
    description: "Waits until the caller texts back, or until the time runs out. The reply becomes {{reply.body}}.",
    icon: "MessageSquareReply",
    category: "wait",
    handles: [
      { id: "replied", label: "Replied" },
      { id: "timeout", label: "No reply" },
    ],
    config: WaitReplyConfig,
    defaultConfig: { timeoutMinutes: 24 * 60 },
    summary: (c) => `Up to ${duration(c.timeoutMinutes)}`,
    templates: [],
    texts: false,
    readsReply: true,
    effects: { waitForReply: "Wait for reply" },
  }),
  "wait.delay": kind({
    label: "Wait",
    description: "Waits a set time, or until the business next opens.",
    icon: "Hourglass",
    category: "wait",
    handles: next,
    config: WaitDelayConfig,
    defaultConfig: { mode: "duration", minutes: 60 },
    summary: (c) => (c.mode === "untilOpen" ? "Until the business opens" : duration("minutes" in c ? c.minutes : undefined)),
    templates: [],
    texts: false,
    readsReply: false,
    effects: { sleep: "Wait" },
  }),
  end: kind({
    label: "End",
    description: "Ends the flow.",
    icon: "CircleStop",
    category: "end",
    handles: [],
    config: EndConfig,
    defaultConfig: {},
    summary: () => "The run ends",
    templates: [],
    texts: false,
    readsReply: false,
    effects: {},
  }),
};

/** A node kind, dotted: "action.sendSms". */
export type NodeKind = keyof typeof nodeKinds;
export const NodeKinds = Object.keys(nodeKinds) as [NodeKind, ...NodeKind[]];

/** The parsed (defaults applied) configuration of a kind. */
export type NodeConfig<K extends NodeKind> = z.output<(typeof nodeKinds)[K]["config"]>;
/** A kind's config as a draft may hold it (the editor's forms and the summaries read these). */
export type DraftNodeConfig<K extends NodeKind> = DraftConfig<(typeof nodeKinds)[K]["config"]>;
/** "+vip +missed call −new". */
function tagSummary(add: string[], remove: string[]): string {
  const words = [...add.map((t) => `+${t}`), ...remove.map((t) => `−${t}`)];
  return words.join(" ") || "No tags yet";
}

/**
 * An A/B split's branches as the canvas shows them: its handle id, its name ("Branch A" when it has
 * none) and its share of runs. A draft without branches shows two, so it can still be connected.
 */
export function splitBranches(branches: unknown): { id: (typeof SplitBranchIds)[number]; label: string; weight: number; percent: string }[] {
  const list = (Array.isArray(branches) && branches.length > 0 ? branches : [{}, {}]).slice(0, SplitBranchIds.length) as { label?: unknown; weight?: unknown }[];
  const weights = list.map((b) => (typeof b?.weight === "number" && b.weight > 0 ? b.weight : 0));
  const total = weights.reduce((a, w) => a + w, 0);
  return list.map((b, i) => {
    const id = SplitBranchIds[i];
    const label = typeof b?.label === "string" && b.label.trim() ? b.label.trim() : `Branch ${id.toUpperCase()}`;
    return { id, label, weight: weights[i], percent: total ? `${Math.round((weights[i] / total) * 100)}%` : "?%" };
  });
}

/** The handle ids of a kind: `HandleId<"wait.reply">` is "replied" | "timeout". */
export type HandleId<K extends NodeKind> = (typeof nodeKinds)[K]["handles"][number]["id"];
/** The icon names the catalogue uses: the canvas maps each to its component. */
export type IconName = (typeof nodeKinds)[NodeKind]["icon"];

/** A kind's definition, with its config typed loosely (for code that works on any kind). */
type AnyKindDef = KindDef<z.ZodType, readonly HandleDef[], IconName>;
const def = (k: NodeKind): AnyKindDef => nodeKinds[k] as unknown as AnyKindDef;

/** A palette entry: plain, serialisable data for the editor (no schemas). */
export type CatalogueEntry = {
  kind: NodeKind;
  label: string;
  description: string;
  icon: IconName;
  category: NodeCategory;
  handles: HandleDef[];
  defaultConfig: Record<string, unknown>;
};

export const catalogue: CatalogueEntry[] = NodeKinds.map((k) => {
  const { label, description, icon, category, handles, defaultConfig } = def(k);
  return { kind: k, label, description, icon, category, handles: [...handles], defaultConfig: structuredClone(defaultConfig) as Record<string, unknown> };
});

export const isNodeKind = (value: string): value is NodeKind => Object.hasOwn(nodeKinds, value);

/** Does this kind start a flow? A flow has exactly one such node; nothing leads into it and it cannot be deleted. */
export const isTrigger = (k: NodeKind | string): boolean => isNodeKind(k) && nodeKinds[k].category === "trigger";
/** The trigger kinds, in catalogue order (the palette offers them when a flow has none). */
export const TriggerKinds = NodeKinds.filter(isTrigger);
/** What starts runs of a flow with a trigger of this kind, or null when it is not a trigger. */
export const triggerEventOf = (k: NodeKind): TriggerEvent | null => def(k).startsOn ?? null;
/** The trigger node of a graph (its first, when a draft has several), or undefined. */
export const triggerNodeOf = <N extends { kind: string }>(nodes: readonly N[]): N | undefined => nodes.find((n) => isTrigger(n.kind));

/** The node a per-node fact is asked of: its kind, and its config (a draft's may be incomplete). */
type NodeLike = { kind: NodeKind; config?: unknown };
const draftOf = (node: NodeLike) => (node.config && typeof node.config === "object" ? node.config : {}) as Record<string, unknown>;

/** The outputs this node has: its kind's, or those its config gives it (an A/B split's branches). */
export function handlesOf(node: NodeLike): readonly HandleDef[] {
  const d = def(node.kind);
  return d.outputs ? d.outputs(draftOf(node)) : d.handles;
}

/** The label of one of the node's outputs, or null when it has no such output. */
export const handleLabelOf = (node: NodeLike, handle: string): string | null => handlesOf(node).find((h) => h.id === handle)?.label ?? null;

/** One line that says what the node is set to do (the canvas shows it under the name). */
export const summaryOf = (node: NodeLike): string => def(node.kind).summary(draftOf(node));

/** The node's message template fields. */
export const templateFieldsOf = (k: NodeKind): readonly { field: string; customerFacing: boolean }[] => def(k).templates;

/** What run history and the simulator call an effect a kind asked for ("Hold for quiet hours"). */
export function effectLabel(k: NodeKind, effect: EffectName): string | null {
  return def(k).effects[effect] ?? null;
}

/** A fresh copy of a kind's default config, for a node just dropped on the canvas. */
export const defaultConfigOf = (k: NodeKind): Record<string, unknown> => structuredClone(nodeKinds[k].defaultConfig) as Record<string, unknown>;

export const isEffectName = (value: string): value is EffectName => (EffectNames as readonly string[]).includes(value);
