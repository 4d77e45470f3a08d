import { db, Prisma, type Message } from "../db/client";
import { AppError, notFound } from "../errors";
import { defaultSmsTransport } from "./default-transport";
import { optedOutReason, sendSms, TWILIO_MAY_HAVE_IT, type SendSmsResult } from "./send-sms";
import type { SmsTransport } from "./transport";
import { explainTwilioError } from "./twilio-errors";

/**
 * Failed and undelivered texts nobody has dealt with yet, newest first. The ids come from raw SQL whose
 * predicate is the partial indexes' own (Message_failed_unresolved, …_newest): Prisma sends the
 * statuses as CAST($n AS "MessageStatus"), which the planner cannot match to a partial index.
 */
export async function listFailedSends(options: { clientIds: string[]; limit?: number }) {
  if (!options.clientIds.length) return [];
  // No test of direction: these statuses are outbound only, and without it one client's page is read
  // from Message_failed_unresolved alone (it carries the id).
  const newest = await db.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Message" m
     WHERE m."clientId" IN (${Prisma.join(options.clientIds)})
       AND m."status" IN ('failed', 'undelivered', 'blocked') AND m."resolvedAt" IS NULL
     ORDER BY m."createdAt" DESC LIMIT ${options.limit ?? 200}`;
  const order = new Map(newest.map((m, i) => [m.id, i]));
  const messages = (
    await db.message.findMany({
      where: { id: { in: newest.map((m) => m.id) } },
      include: { contact: { select: { e164: true, name: true, optedOut: true } }, client: { select: { name: true, timezone: true } } },
    })
  ).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const retried = new Set(
    (await db.message.findMany({ where: { retryOfId: { in: messages.map((m) => m.id) } }, select: { retryOfId: true } })).map((m) => m.retryOfId),
  );
  const attempts = await attemptsOf(messages.map((m) => m.id));
  return messages.map((m) => ({
    id: m.id,
    clientId: m.clientId,
    clientName: m.client.name,
    timezone: m.client.timezone,
    to: m.toNumber,
    contactName: m.contact?.name ?? null,
    body: m.body,
    status: m.status,
    errorCode: m.errorCode,
    reason: reasonOf(m),
    /** Twilio may have the text (the connection dropped mid-send): check the thread before retrying. */
    outcomeUnknown: m.outcomeUnknown,
    runId: m.runId,
    createdAt: m.createdAt,
    retried: retried.has(m.id),
    /** 1 for the original text, 2 for its first retry, … */
    attempts: attempts.get(m.id) ?? 1,
    /** Never sent because the contact had replied STOP: nothing went wrong, so it is not counted with the failures. */
    blockedByOptOut: m.status === "blocked",
    /** The contact has opted out now: a retry would be refused. */
    optedOut: m.contact?.optedOut ?? false,
  }));
}

/** How many times each text was tried: the length of its chain of retries (retryOfId) back to the original. */
async function attemptsOf(ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.$queryRaw<{ id: string; attempts: number }[]>`
    WITH RECURSIVE chain AS (
      SELECT m."id" AS start, m."retryOfId" AS parent, 1 AS n FROM "Message" m WHERE m."id" IN (${Prisma.join(ids)})
      UNION ALL
      SELECT c.start, p."retryOfId", c.n + 1 FROM chain c JOIN "Message" p ON p."id" = c.parent WHERE c.n < 100
    )
    SELECT start AS id, max(n)::int AS attempts FROM chain GROUP BY start`;
  return new Map(rows.map((r) => [r.id, r.attempts]));
}

/**
 * What became of a text after it was sent (a retry, say): Twilio accepts it at once but says only
 * later, in a status callback, whether it was delivered or failed again (30007: filtered by the
 * carrier). "pending" until then.
 */
export async function getSendOutcome(options: { clientId: string; messageId: string }) {
  const m = await db.message.findFirst({ where: { id: options.messageId, clientId: options.clientId, direction: "outbound" } });
  if (!m) throw notFound("That text");
  const outcome = m.status === "delivered" ? "delivered" : ["failed", "undelivered", "blocked"].includes(m.status) ? "failed" : m.status === "sent" ? "sent" : "pending";
  return {
    messageId: m.id,
    outcome: outcome as "delivered" | "sent" | "failed" | "pending",
    errorCode: m.errorCode,
    reason: m.errorCode ? `${m.errorCode}: ${explainTwilioError(m.errorCode).explanation}` : m.errorMessage,
  };
}

/**
 * Sends a failed text again, once: the retry's idempotency key is derived from the original, so
 * double clicks and concurrent retries produce at most one new text. A retry to an opted-out
 * contact is refused before any row is written (sendSms would refuse it too, but record a second
 * failed text). A retry that made an attempt of its own resolves the original: Failed sends lists
 * the newest attempt of a text, never two rows for it.
 */
/** `actorId`: the person retrying, recorded in the audit log with what became of the retry. */
export async function retryFailedSend(options: { clientId: string; messageId: string; actorId?: string | null; transport?: SmsTransport }): Promise<SendSmsResult> {
  const original = await db.message.findFirst({ where: { id: options.messageId, clientId: options.clientId, direction: "outbound" } });
  if (!original) throw notFound("That text");
  if (!["failed", "undelivered", "blocked"].includes(original.status)) throw new AppError("PRECONDITION_FAILED", "Only failed or undelivered texts can be retried.");
  const result = await retryOnce(original, options);
  await db.auditEvent.create({
    data: {
      clientId: options.clientId,
      actorId: options.actorId ?? null,
      action: "send.retry",
      targetType: "Message",
      targetId: original.id,
      data: { to: original.toNumber, runId: original.runId, outcome: result.status, ...(result.status === "sent" ? { newMessageId: result.messageId } : { reason: result.reason }) },
    },
  });
  return result;
}

async function retryOnce(original: Message, options: { clientId: string; transport?: SmsTransport }): Promise<SendSmsResult> {
  const contact = original.contactId ? await db.contact.findUnique({ where: { id: original.contactId }, select: { e164: true, optedOut: true, optedOutAt: true } }) : null;
  if (contact?.optedOut) return { status: "failed", messageId: original.id, reason: `Not retried: ${optedOutReason(contact)}`, code: null };
  const result = await sendSms({
    clientId: options.clientId,
    to: original.toNumber,
    body: original.body,
    immediate: true,
    audience: original.contactId ? "contact" : "staff",
    runId: original.runId,
    nodeId: original.nodeId,
    idempotencyKey: `retry:${original.id}`,
    retryOfId: original.id,
    transport: options.transport ?? defaultSmsTransport(),
  });
  if (result.status === "sent" || result.messageId !== original.id) await db.message.update({ where: { id: original.id }, data: { resolvedAt: new Date() } });
  return result;
}

/**
 * Retries many failed texts at once (after a carrier outage, say), each exactly as a single retry:
 * at most one new text per failed one, however often this is called, and never to an opted-out
 * contact. All the ids must be this client's, or nothing is sent.
 */
export async function retryFailedSends(options: { clientId: string; messageIds: string[]; actorId?: string | null; transport?: SmsTransport }) {
  const ids = [...new Set(options.messageIds)];
  const found = await db.message.count({ where: { id: { in: ids }, clientId: options.clientId, direction: "outbound" } });
  if (found !== ids.length) throw notFound(ids.length === 1 ? "That text" : "Some of those texts");
  const transport = options.transport ?? defaultSmsTransport();
  const results: { messageId: string; status: "sent" | "failed"; reason?: string }[] = [];
  // One at a time: a bulk retry must not become a burst that Twilio answers with 429s.
  for (const messageId of ids) {
    try {
      const result = await retryFailedSend({ clientId: options.clientId, messageId, actorId: options.actorId, transport });
      results.push(result.status === "sent" ? { messageId, status: "sent" } : { messageId, status: "failed", reason: result.reason });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ messageId, status: "failed", reason: error.userMessage });
    }
  }
  return { sent: results.filter((r) => r.status === "sent").length, results };
}

export async function resolveFailedSend(options: { clientId: string; messageId: string }) {
  const { count } = await db.message.updateMany({ where: { id: options.messageId, clientId: options.clientId }, data: { resolvedAt: new Date() } });
  if (!count) throw notFound("That text");
}

/**
 * A final verdict's code is explained in today's words; a transient one (429, 5xx) that ended on the
 * send's last attempt keeps the words written then, which say what was tried.
 */
export function reasonOf(m: { errorCode: number | null; errorMessage: string | null }) {
  const explained = m.errorCode ? explainTwilioError(m.errorCode) : null;
  if (explained?.permanent) return `${m.errorCode}: ${explained.explanation}`;
  return m.errorMessage ?? (explained ? `${m.errorCode}: ${explained.explanation}` : "Twilio reported the text failed.");
}

/**
 * A run that ended failed leaves none of its texts looking in flight: one never sent (left pending
 * between retries) is failed with the run's reason; one stopped mid-send is failed as "Twilio may
 * have it". Both then show in Failed sends.
 */
export async function failUnfinishedTextsOfRun(runId: string, reason: string) {
  await db.message.updateMany({ where: { runId, direction: "outbound", status: "pending" }, data: { status: "failed", errorMessage: `Not sent: ${reason}` } });
  await db.message.updateMany({
    where: { runId, direction: "outbound", status: "sending" },
    data: { status: "failed", outcomeUnknown: true, errorMessage: `${TWILIO_MAY_HAVE_IT}: the run stopped while this text was being sent (${reason}).` },
  });
}

/**
 * A cancelled run (ops cancelled it, or the contact opted out) makes no further attempt, so its
 * texts must not stay looking in flight. One left pending between attempts is settled: "blocked"
 * when the contact opted out (nothing went wrong; listed apart), otherwise failed with the reason
 * (listed in Failed sends, retryable). One stopped mid-send is "Twilio may have it", as for a failed
 * run. An attempt still in flight when this runs finds the text settled and sends nothing.
 */
export async function settleTextsOfCancelledRuns(runIds: string[], cancellation: { reason: string; optedOut: boolean }) {
  if (!runIds.length) return;
  await db.message.updateMany({
    where: { runId: { in: runIds }, direction: "outbound", status: "pending" },
    data: cancellation.optedOut
      ? { status: "blocked", errorCode: null, errorMessage: `Not sent: the contact opted out (${cancellation.reason}), so the run was cancelled.` }
      : { status: "failed", errorCode: null, errorMessage: `Not sent: the run was cancelled (${cancellation.reason}).` },
  });
  await db.message.updateMany({
    where: { runId: { in: runIds }, direction: "outbound", status: "sending" },
    data: { status: "failed", outcomeUnknown: true, errorMessage: `${TWILIO_MAY_HAVE_IT}: the run was cancelled while this text was being sent (${cancellation.reason}).` },
  });
}
