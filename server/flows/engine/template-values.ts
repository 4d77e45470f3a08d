import { formatTime } from "../../schedule/format";
import type { CallReason } from "../model/node-configs";
import { displayPhone, type TemplateValues } from "../model/templates";
import { webhookValues } from "../model/webhook";
import type { RunVars, StartFacts } from "./types";

const reasonWords: Record<CallReason, string> = {
  "no-answer": "no answer",
  busy: "busy",
  failed: "failed",
  voicemail: "voicemail",
  canceled: "hung up",
};

/** The template values of a run at this point: start facts plus what the run has learned. */
export function templateValues(facts: StartFacts, vars: RunVars): TemplateValues {
  const tz = facts.schedule.timezone;
  return {
    "business.name": facts.business.name,
    "business.phone": facts.business.phone ?? displayPhone(facts.call.to),
    "contact.firstName": facts.contact.firstName,
    "contact.name": facts.contact.name,
    "contact.phone": displayPhone(facts.call.from),
    "call.reason": reasonWords[facts.call.reason],
    "call.time": formatTime(facts.call.at, tz),
    "call.transcript": facts.call.voicemailTranscript,
    "reply.body": vars.reply?.body ?? null,
    "booking.link": facts.booking?.bookingUrl ?? null,
    "booking.time": vars.booking?.time ?? null,
    "run.link": facts.runLink,
    ...webhookValues(vars.webhook),
  };
}
