/**
 * Texts that are not an answer. Carrier keywords (STOP, UNSUBSCRIBE, … as the whole message; see
 * opt-out.ts) are handled before this. Since the FCC's 2024 consent-revocation order (47 CFR
 * 64.1200(a)(10), in force April 2025) a caller may also revoke consent "by any reasonable means",
 * and a text that plainly says so in other words must be honoured like STOP. So every inbound text
 * is read here first, and is one of:
 *
 * - **a revocation**: the whole text, once courtesy words ("please", "thanks", "now", …) and
 *   punctuation are set aside, says "stop texting me" in one of the phrasings below. It is
 *   treated as STOP: the contact is opted out, gets one confirmation, staff are told, waiting
 *   runs are cancelled. It is never an answer.
 * - **flagged for staff**: it uses revocation words inside a longer sentence ("stop" that is not
 *   "stop by" or a leak that "won't stop"; "unsubscribe", "opt out", "remove me", "don't text") or
 *   says "wrong number". We cannot tell whether the caller wants no more texts, so a person decides:
 *   it is flagged in the inbox, staff are told, and no run takes it as an answer (nor is anyone
 *   opted out). A flagged text a waiting run missed is answered by staff from the inbox.
 * - **an ordinary text** (null): it may answer a waiting run.
 *
 * Whole-message matching keeps "Can your tech stop by at 3?" an answer. The list errs towards
 * flagging rather than opting out: a wrong opt-out silences a customer, a wrong flag costs a look.
 * Pure and isomorphic: the SMS webhook and the simulator use the same reading.
 */
export type InboundReading = { kind: "revocation"; phrase: string } | { kind: "flagged"; reason: string } | null;

/** Words of courtesy or emphasis that do not change what a short text means. */
const COURTESY = /\b(please|pls|plz|thanks|thank you|thx|ty|now|anymore|any more|again|ever|ok|okay|sorry|just|asap|already|seriously|guys|thank u)\b/g;

/** Revocations: the whole (tidied) text matches one of these. */
export const REVOCATION_PHRASES: readonly { pattern: RegExp; example: string }[] = [
  { pattern: /^(stop|quit|end|cancel|unsubscribe|revoke|opt ?out)( me)?$/, example: "stop please" },
  { pattern: /^(stop|quit) (texting|messaging|contacting|sending|spamming|calling)( (me|this number))?( (texts|messages|text messages))?$/, example: "stop texting me please" },
  { pattern: /^(do not|dont|don't|never) (text|message|msg|sms|contact|call)( (me|this number))?$/, example: "don't text me" },
  { pattern: /^(remove|delete|take) (me|my number|this number)( (off|from))?( (your|the|this|ur) (list|texting list|text list|mailing list|contact list|contacts|system))?$/, example: "please remove me" },
  { pattern: /^(unsubscribe|opt|sign) me( out)?( (from|of) (this|your|these|the) (list|texts|messages))?$/, example: "unsubscribe me" },
  { pattern: /^no (more )?(texts|messages|text messages|texting)( please)?$/, example: "no more texts" },
  { pattern: /^(i|we) (want|would like|d like|wish) to (unsubscribe|opt out|stop (getting|receiving) (texts|messages|these))$/, example: "I want to opt out" },
  { pattern: /^(leave me alone|lose my number|stop it)$/, example: "leave me alone" },
];

/** Revocation words inside a longer text: flagged, not decided. */
const AMBIGUOUS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /\bwrong (number|person|#)\b|\bnot (the right|who you think)\b/, reason: "says it is the wrong number" },
  { pattern: /\b(unsubscribe|opt ?out|opting out|remove me|take me off|revoke)\b/, reason: "may be asking to stop texts" },
  { pattern: /\b(do not|dont|don't|never) (text|message|contact)\b|\bno more (texts|messages)\b/, reason: "may be asking to stop texts" },
  // "stop", except where it plainly describes the problem or a visit: "stop by", "won't stop", "to stop".
  { pattern: /(?<!\b(won't|wont|doesn't|doesnt|didn't|didnt|can't|cant|not|never|to|will|would|it|would not|will not|does not|did not|can not|cannot) )\bstop\b(?! (by|in|over|leaking|dripping|running|working|the|it))/, reason: "may be asking to stop texts" },
];

/** Lower case, curly quotes straightened, punctuation and courtesy words dropped, spaces single. */
export function tidy(body: string): string {
  return body
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(COURTESY, " ")
    .replace(/[^\p{L}\p{N}' #]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Openers that do not change what the rest of a clause says: "but please remove me", "no, stop". */
const OPENER = /^((but|and|so|oh|hey|hi|hello|yeah|yes|guys|look|listen) )+/;

/**
 * How to treat an inbound text that is not a carrier keyword (see the comment above). A text is a
 * revocation when one of its clauses is: "Stop texting me, I found someone else." is one.
 */
export function readInbound(body: string): InboundReading {
  const clauses = body.split(/[.,!?;:\n]+/).map((c) => tidy(c).replace(OPENER, "")).filter((c) => c !== "");
  if (clauses.length === 0) return null;
  if (clauses.some((c) => REVOCATION_PHRASES.some((p) => p.pattern.test(c)))) return { kind: "revocation", phrase: body.trim() };
  const loose = body.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const ambiguous = AMBIGUOUS.find((p) => p.pattern.test(loose));
  return ambiguous ? { kind: "flagged", reason: ambiguous.reason } : null;
}

/** Can this text answer a waiting run? Revocations and flagged texts never do. */
export const mayAnswer = (body: string): boolean => readInbound(body) === null;
