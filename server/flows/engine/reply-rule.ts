/**
 * Which of the caller's texts answers a wait — "Wait for reply", and a booking's wait for the
 * chosen time. This is the one rule; the engine, the runtime (run-flow with its inbox check) and
 * the simulator all use it, so what the simulator shows is what a run does.
 *
 * A wait takes the caller's **earliest text that arrived after the run's reply mark and no later
 * than the wait's deadline**. The mark is a moment the run keeps:
 * - it starts at the missed call;
 * - it moves to the moment the run *asks* to send the caller a text — before the text goes out,
 *   so an answer that lands while Twilio is still accepting the question, or during a "Wait"
 *   that sits between the question and "Wait for reply", is the answer;
 * - it moves to the moment of each reply the run takes, so one text answers one question.
 *
 * What the flow means by it: a reply answers the latest text the run sent (or, before any, the
 * call). A text the caller sent before the run's latest text to them answered something else, or
 * nothing; it is not taken as the answer to a later question (staff see it in the inbox, unread).
 * Texts that revoke consent or are flagged for staff (see messaging/revocation) are never answers.
 * Two texts with the same timestamp as the mark are not counted (the mark is exclusive).
 */

/** A wait's window: after `since` (exclusive) up to `deadline` (inclusive). */
export type ReplyWindow = { since: string; deadline: string };

const ms = (iso: string) => Date.parse(iso);
const later = (a: string, b: string) => (ms(b) > ms(a) ? new Date(ms(b)).toISOString() : a);

/** The mark once the run asks to send the caller a text at `requestedAt` (the run's time then). */
export const markAfterText = (mark: string, requestedAt: string): string => later(mark, requestedAt);

/** The mark once the run took a reply that arrived at `replyAt`. */
export const markAfterReply = (mark: string, replyAt: string): string => later(mark, replyAt);

/** Does a text that arrived at `at` count for this wait? */
export const countsAsReply = (at: string, window: ReplyWindow): boolean => ms(at) > ms(window.since) && ms(at) <= ms(window.deadline);

/** The text that answers the wait: the earliest that counts, or null. `texts` may be in any order. */
export function firstReply<T extends { at: string }>(texts: readonly T[], window: ReplyWindow): T | null {
  let best: T | null = null;
  for (const text of texts) {
    if (countsAsReply(text.at, window) && (best === null || ms(text.at) < ms(best.at))) best = text;
  }
  return best;
}
