import type { z } from "zod";
import {
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
  WaitDelayConfig,
  WaitReplyConfig,
} from "./node-configs";

/**
 * The node catalogue: the one place a node kind is declared. The kind union, the graph schema, the
 * editor's palette and validation are all derived from `nodeKinds`; the engine's handler table is
 * typed against it, so a kind added here without a handler fails to compile. Browser-safe.
 */

/** Where a node sits in the palette. */
export type NodeCategory = "trigger" | "condition" | "action" | "wait" | "end";

/** An output of a node: edges leave from a handle. `label` is what the canvas and messages show. */
export type HandleDef = { id: string; label: string };

type KindDef<C extends z.ZodType> = {
  label: string;
  description: string;
  /** A lucide-react icon name. */
  icon: string;
  category: NodeCategory;
  handles: readonly HandleDef[];
  config: C;
  defaultConfig: z.input<C>;
};

const kind = <C extends z.ZodType, const H extends readonly HandleDef[]>(def: KindDef<C> & { handles: H }) => def;
const next = [{ id: "next", label: "Next" }] as const;

export const nodeKinds = {
  "trigger.missedCall": kind({
    label: "Missed call",
    description: "Starts the flow when a call to one of your numbers is not answered.",
    icon: "PhoneMissed",
    category: "trigger",
    handles: next,
    config: MissedCallConfig,
    defaultConfig: { numbers: [], reasons: ["no-answer", "busy", "failed", "voicemail", "canceled"] },
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
  }),
  "action.createLead": kind({
    label: "Create lead",
    description: "Saves the caller as a contact and opens a lead for them (one open lead per contact).",
    icon: "UserPlus",
    category: "action",
    handles: next,
    config: CreateLeadConfig,
    defaultConfig: {},
  }),
  "action.notifyStaff": kind({
    label: "Notify staff",
    description: "Tells your staff by text and in the app (and by email when it is set up).",
    icon: "BellRing",
    category: "action",
    handles: next,
    config: NotifyStaffConfig,
    defaultConfig: { template: "Missed call from {{contact.name|a new caller}} ({{contact.phone}}) at {{call.time}}. {{run.link}}", channels: ["sms", "inApp"] },
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
  }),
  "wait.delay": kind({
    label: "Wait",
    description: "Waits a set time, or until the business next opens.",
    icon: "Hourglass",
    category: "wait",
    handles: next,
    config: WaitDelayConfig,
    defaultConfig: { mode: "duration", minutes: 60 },
  }),
  end: kind({
    label: "End",
    description: "Ends the flow.",
    icon: "CircleStop",
    category: "end",
    handles: [],
    config: EndConfig,
    defaultConfig: {},
  }),
};

/** A node kind, dotted: "action.sendSms". */
export type NodeKind = keyof typeof nodeKinds;
export const NodeKinds = Object.keys(nodeKinds) as [NodeKind, ...NodeKind[]];

/** The parsed (defaults applied) configuration of a kind. */
export type NodeConfig<K extends NodeKind> = z.output<(typeof nodeKinds)[K]["config"]>;
/** The handle ids of a kind: `HandleId<"wait.reply">` is "replied" | "timeout". */
export type HandleId<K extends NodeKind> = (typeof nodeKinds)[K]["handles"][number]["id"];

/** A palette entry: plain, serialisable data for the editor (no schemas). */
export type CatalogueEntry = {
  kind: NodeKind;
  label: string;
  description: string;
  icon: string;
  category: NodeCategory;
  handles: HandleDef[];
  defaultConfig: Record<string, unknown>;
};

export const catalogue: CatalogueEntry[] = NodeKinds.map((k) => {
  const { label, description, icon, category, handles, defaultConfig } = nodeKinds[k];
  return { kind: k, label, description, icon, category, handles: [...handles], defaultConfig: structuredClone(defaultConfig) };
});

export const isNodeKind = (value: string): value is NodeKind => Object.hasOwn(nodeKinds, value);

export const handlesOf = (k: NodeKind): readonly HandleDef[] => nodeKinds[k].handles;

/** A fresh copy of a kind's default config, for a node just dropped on the canvas. */
export const defaultConfigOf = (k: NodeKind): Record<string, unknown> => structuredClone(nodeKinds[k].defaultConfig) as Record<string, unknown>;
