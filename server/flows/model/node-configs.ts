import { z } from "zod";
import { FLOW_LIMITS } from "./limits";

/**
 * The configuration schema of each node kind. Every constraint carries a message a business owner
 * can act on, because validate() shows these messages verbatim next to the field.
 */

/** Longest wait a flow may take in one step: 14 days. */
export const MAX_WAIT_MINUTES = 14 * 24 * 60;
/** Longest cooldown window: 30 days. */
export const MAX_COOLDOWN_MINUTES = 30 * 24 * 60;
/** An SMS body (before variables) is at most ten segments of plain text. */
const MAX_TEMPLATE_CHARS = 1600;

const minutes = (what: string, max: number, maxText: string) =>
  z
    .number({ error: `Enter ${what} in minutes` })
    .int(`${capitalize(what)} must be a whole number of minutes`)
    .min(1, `${capitalize(what)} must be at least 1 minute`)
    .max(max, `${capitalize(what)} can be at most ${maxText} (${max} minutes)`);

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const template = (what: string) =>
  z
    .string({ error: `Write the ${what}` })
    .refine((s) => s.trim().length > 0, `Write the ${what}`)
    .refine((s) => s.length <= MAX_TEMPLATE_CHARS, `The ${what} is too long: keep it under ${MAX_TEMPLATE_CHARS} characters`);

/** Why a call counts as missed; matches the `call/missed` event. */
export const CallReasons = ["no-answer", "busy", "failed", "voicemail", "canceled"] as const;
export type CallReason = (typeof CallReasons)[number];

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "Use a full phone number such as +13125550134");

export const MissedCallConfig = z.object({
  /** Numbers the trigger listens on; empty means all of the client's numbers. */
  numbers: z.array(e164).max(FLOW_LIMITS.listItems, `A trigger can listen on at most ${FLOW_LIMITS.listItems} numbers`).default([]),
  reasons: z
    .array(z.enum(CallReasons, { error: `Pick from: ${CallReasons.join(", ")}` }))
    .min(1, "Pick at least one kind of missed call")
    .default([...CallReasons]),
});

/** A live trigger as stored: the list bound applies when a flow is saved, so one published before it still starts runs. */
export const StoredMissedCallConfig = MissedCallConfig.extend({ numbers: z.array(e164).default([]) });

/** A word or phrase a text must contain (any case) to start a "Text received" flow. */
const TriggerKeyword = z.string().trim().min(1, "A keyword cannot be empty").max(60, "Keep each keyword under 60 characters");

export const TextReceivedConfig = z.object({
  /** Numbers the trigger listens on; empty means all of the client's numbers. */
  numbers: z.array(e164).max(FLOW_LIMITS.listItems, `A trigger can listen on at most ${FLOW_LIMITS.listItems} numbers`).default([]),
  /** Only texts containing one of these (any case) start the flow; empty: any text. */
  keywords: z.array(TriggerKeyword).max(FLOW_LIMITS.listItems, `Look for at most ${FLOW_LIMITS.listItems} words or phrases`).default([]),
});

/** A live "Text received" trigger as stored: read without today's list bounds, like StoredMissedCallConfig. */
export const StoredTextReceivedConfig = TextReceivedConfig.extend({ numbers: z.array(e164).default([]), keywords: z.array(z.string()).default([]) });

export const BusinessHoursConfig = z.object({});

export const ExistingContactConfig = z.object({
  /** Only count the caller as known when the contact has this tag. */
  requireTag: z.string().trim().min(1, "Enter a tag, or turn the tag check off").max(40, "Tags are at most 40 characters").optional(),
  /** Only count the caller as known when they have an open lead. */
  requireOpenLead: z.boolean().default(false),
});

export const KeywordConfig = z.object({
  keywords: z
    .array(z.string().trim().min(1, "A keyword cannot be empty").max(60, "Keep each keyword under 60 characters"))
    .min(1, "Add at least one word or phrase to look for")
    .max(FLOW_LIMITS.listItems, `Look for at most ${FLOW_LIMITS.listItems} words or phrases`),
  source: z.enum(["lastReply", "voicemailTranscript"], { error: "Choose what to look in: the last reply or the voicemail" }).default("lastReply"),
});

export const CooldownConfig = z.object({
  windowMinutes: minutes("the cooldown", MAX_COOLDOWN_MINUTES, "30 days"),
  /** "flow": this flow's own runs; "any": any flow of this client. */
  scope: z.enum(["flow", "any"], { error: "Choose this flow or any flow" }).default("flow"),
});

export const SendSmsConfig = z.object({
  template: template("text message"),
  /** Immediate replies go out even in quiet hours (the caller just called us). */
  immediate: z.boolean().default(false),
});

export const CreateLeadConfig = z.object({});

export const StaffChannels = ["sms", "inApp", "email"] as const;
export const NotifyStaffConfig = z.object({
  template: template("message to your staff"),
  channels: z.array(z.enum(StaffChannels)).min(1, "Choose at least one way to reach your staff").default(["sms", "inApp"]),
});

export const BookConfig = z.object({
  /** "offerSlots": text the next free times and book the one chosen; "link": text the booking link. */
  mode: z.enum(["offerSlots", "link"], { error: "Choose offer times or send a link" }).default("offerSlots"),
  replyTimeoutMinutes: minutes("the time to wait for a choice", MAX_WAIT_MINUTES, "14 days").default(24 * 60),
  /** The offer ({{booking.slots}}) or, in link mode, the link text ({{booking.link}}). */
  template: template("booking text"),
  /** Sent once the appointment is booked ({{booking.time}}). */
  confirmTemplate: template("confirmation text").default("You're booked for {{booking.time}}. See you then! - {{business.name}}"),
});

export const WaitReplyConfig = z.object({
  timeoutMinutes: minutes("the time to wait for a reply", MAX_WAIT_MINUTES, "14 days"),
});

export const WaitDelayConfig = z.discriminatedUnion(
  "mode",
  [
    z.object({ mode: z.literal("duration"), minutes: minutes("the wait", MAX_WAIT_MINUTES, "14 days") }),
    z.object({ mode: z.literal("untilOpen") }),
  ],
  { error: "Choose to wait a set time or until the business opens" },
);

export const EndConfig = z.object({});

/** A contact's tag: a lower-case word or two, as staff type them on the contact page. */
export const ContactTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "A tag cannot be empty")
  .max(32, "Keep each tag under 32 characters")
  .regex(/^[\p{L}\p{N} _-]+$/u, "Tags are words: letters, digits, spaces, - and _");
const tagList = (what: string) => z.array(ContactTag).max(20, `${what} at most 20 tags`).default([]);

export const TagContactConfig = z
  .object({
    add: tagList("Add"),
    remove: tagList("Remove"),
  })
  .superRefine((c, ctx) => {
    if (c.add.length === 0 && c.remove.length === 0) ctx.addIssue({ code: "custom", path: ["add"], message: "Enter a tag to add or to remove" });
    const both = c.add.find((t) => c.remove.includes(t));
    if (both) ctx.addIssue({ code: "custom", path: ["remove"], message: `"${both}" is both added and removed: keep it in one list` });
  });

/** The outputs of an A/B split, in branch order: the first branch leaves by "a". */
export const SplitBranchIds = ["a", "b", "c", "d"] as const;
export const SplitBranch = z.object({
  /** What the branch tries ("Short text"), for the canvas and the dashboard. */
  label: z.string().trim().max(40, "Keep a branch name under 40 characters").default(""),
  weight: z
    .number({ error: "Give each branch a weight" })
    .int("A weight is a whole number")
    .min(1, "A branch's weight is at least 1: remove the branch instead")
    .max(100, "A weight is at most 100"),
});
export const AbSplitConfig = z.object({
  branches: z
    .array(SplitBranch)
    .min(2, "An A/B split needs at least 2 branches")
    .max(SplitBranchIds.length, `An A/B split has at most ${SplitBranchIds.length} branches`),
});
