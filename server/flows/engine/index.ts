/**
 * The pure flow interpreter: validate() for publishing, advance() for running. No I/O, no clock,
 * no randomness; the runner (Inngest), the simulator and the tests drive it the same way.
 */
export { advance, DEFAULT_MAX_VISITS } from "./advance";
export { validate, hasErrors, type Issue } from "./validate";
export { textTriggerMatches, triggerMatches } from "./nodes/actions";
export { parseSlotChoice } from "./slot-choice";
export { findKeyword } from "./nodes/conditions";
export { pickWeighted } from "./nodes/contact-actions";
export { EffectResults, isWaitEffect } from "./effects";
export { countsAsReply, firstReply, markAfterReply, markAfterText, type ReplyWindow } from "./reply-rule";
export type * from "./effects";
export * from "./types";
