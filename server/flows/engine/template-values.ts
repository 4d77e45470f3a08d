import { formatTime } from "../../schedule/format";
import type { CallReason } from "../model/node-configs";
import { displayPhone, type TemplateValues } from "../model/templates";
import { webhookValues } from "../model/webhook";
import { businessNumberOf, callOf, startedAt, type RunVars, type StartFacts } from "./types";

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
  const call = callOf(facts);
  return {
    "business.name": facts.business.name,
    "business.phone": facts.business.phone ?? displayPhone(businessNumberOf(facts)),
    "contact.firstName": facts.contact.firstName,
    "contact.name": facts.contact.name,
    "contact.phone": displayPhone(facts.contact.e164),
    "trigger.time": formatTime(startedAt(facts), tz),
    "trigger.message": facts.trigger.kind === "textReceived" ? facts.trigger.message.body : null,
    // Only a flow started by a call has these (validation keeps them out of other flows).
    "call.reason": call ? reasonWords[call.reason] : null,
    "call.time": call ? formatTime(call.at, tz) : null,
    "call.transcript": call?.voicemailTranscript ?? null,
    "reply.body": vars.reply?.body ?? null,
    "booking.link": facts.booking?.bookingUrl ?? null,
    "booking.time": vars.booking?.time ?? null,
    "run.link": facts.runLink,
    ...webhookValues(vars.webhook),
  };
}
