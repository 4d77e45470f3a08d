import { isOpen } from "../../../schedule/business-hours";
import { formatDayTime } from "../../../schedule/format";
import { formatMinutes } from "../../model/durations";
import { callOf } from "../types";
import { ask, go, resultOf, type NodeHandler } from "./node-handler";

/** Conditions decide from the start facts and the run's clock; only the cooldown needs the world. */

export const businessHours: NodeHandler<"condition.businessHours"> = (run) => {
  const when = formatDayTime(run.now, run.facts.schedule.timezone);
  return isOpen(run.facts.schedule, run.now) ? go("open", `open at ${when}`) : go("closed", `closed at ${when}`);
};

export const existingContact: NodeHandler<"condition.existingContact"> = (run) => {
  const { contact } = run.facts;
  const { requireTag, requireOpenLead } = run.node.config;
  if (!contact.existing) return go("no", "new caller");
  // A Tag contact step earlier in this run counts: the caller has (or lost) the tag now.
  const tags = run.vars.tags ?? contact.tags;
  if (requireTag && !tags.some((t) => t.toLowerCase() === requireTag.toLowerCase())) {
    return go("no", `known caller without the tag "${requireTag}"`);
  }
  // A lead opened earlier in this run counts: the caller has one now.
  if (requireOpenLead && !contact.hasOpenLead && run.vars.leadId === null) return go("no", "known caller without an open lead");
  return go("yes", "known caller");
};

export const keyword: NodeHandler<"condition.keyword"> = (run) => {
  const { keywords, source } = run.node.config;
  const text = source === "lastReply" ? run.vars.reply?.body : callOf(run.facts)?.voicemailTranscript;
  const where = source === "lastReply" ? "reply" : "voicemail";
  if (!text) return go("noMatch", `no ${where} to look in`);
  const found = findKeyword(text, keywords);
  return found ? go("match", `found "${found}" in the ${where}`) : go("noMatch", `none of the words in the ${where}`);
};

/**
 * The first keyword present as a whole word or phrase, ignoring case and spacing: "emergency"
 * matches "EMERGENCY!!" and "it's an emergency", not "emergencyroom.com".
 */
export function findKeyword(text: string, keywords: readonly string[]): string | null {
  const words = ` ${normalise(text)} `;
  return keywords.find((k) => normalise(k) !== "" && words.includes(` ${normalise(k)} `)) ?? null;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim();

export const cooldown: NodeHandler<"condition.cooldown"> = (run) => {
  const { windowMinutes, scope } = run.node.config;
  if (run.phase === null) return ask({ kind: "claimCooldown", contact: run.facts.contact.e164, scope, windowMinutes }, "claimed");
  return resultOf(run, "claimCooldown").claimed
    ? go("pass", "no text in the cooldown window")
    : go("cooling", `already handled within ${formatMinutes(windowMinutes, "exact")}`);
};
