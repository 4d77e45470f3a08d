import { QuietHours } from "../clients/settings-schemas";
import { db, sqlRows, type Message, type MessageStatus } from "../db/client";
import { env } from "../env";
import { notFound } from "../errors";
import { optOutContact } from "../contacts/opt-out";
import { countSegments } from "../flows/model/sms-segments";
import { isQuietHours } from "../schedule";
import { composeFirstText } from "./compose";
import { SmsSendError, type SmsTransport } from "./transport";

/**
 * The only way Ringback texts anyone. No flow, staff reply or retry can bypass its guardrails:
 * - never to an opted-out contact (the attempt is recorded as "blocked");
 * - the first text to a contact names the business and says how to opt out;
 * - a text that is not an immediate reply is refused during quiet hours (flows sleep until
 *   they end before asking, so this is the backstop);
 * - one idempotency key per (run, node): a retried step finds its Message and never texts twice;
 * - every attempt has a Message row with its status, error code and segment count.
 * Transient provider errors throw (the caller's step retries) unless it is the caller's last
 * attempt (`lastAttempt`): then the text is recorded failed and "failed" returned, like a permanent
 * error, so it shows in Failed sends and a flow takes its "failed" branch.
 */
export interface SendSmsOptions {
  clientId: string;
  to: string;
  body: string;
  /** An immediate reply to the caller: not held by quiet hours, and short-lived (validity period). */
  immediate: boolean;
  /** "staff" texts go to the business's own people: no contact, no opt-out footer. */
  audience?: "contact" | "staff";
  from?: string | null;
  runId?: string | null;
  nodeId?: string | null;
  idempotencyKey?: string | null;
  retryOfId?: string | null;
  transport: SmsTransport;
  /** No retry follows this one: a transient failure is final (recorded failed, never left pending). */
  lastAttempt?: boolean;
  /**
   * The one text an opted-out contact may still get: the confirmation that they are opted out, for a
   * revocation in their own words that reached the app outside the SMS webhook (whose TwiML answer
   * would have carried it). Sent as given, though the contact has opted out.
   */
  optOutConfirmation?: boolean;
  now?: Date;
}

export type SendSmsResult =
  | { status: "sent"; messageId: string; sid: string; body: string }
  | { status: "failed"; messageId: string; reason: string; code: number | null; outcomeUnknown?: boolean };

const IMMEDIATE_VALIDITY_SECONDS = 30 * 60;
const SENT_STATES = ["queued", "sending", "sent", "delivered"] as const;

export async function sendSms(options: SendSmsOptions): Promise<SendSmsResult> {
  const now = options.now ?? new Date();
  const audience = options.audience ?? "contact";
  const { client, contact, staffOptOut, existing, contactHasTexts } = await prepareSend(options.clientId, options.to, audience, options.idempotencyKey ?? null);
  // The client's first number is only the default sender, used when the caller names none.
  const from = options.from ?? client.defaultFrom;
  if (!from && !client.messagingServiceSid) {
    throw new SmsSendError(`${client.name} has no phone number or Messaging Service to text from. Add one in Settings.`, null, true);
  }
  const optedOut = contact?.optedOut ? contact : staffOptOut;

  // The idempotency key makes a retried step find the attempt it already made.
  if (existing?.twilioSid && (SENT_STATES as readonly string[]).includes(existing.status)) {
    return { status: "sent", messageId: existing.id, sid: existing.twilioSid, body: existing.body };
  }
  if (existing && (existing.status === "failed" || existing.status === "blocked" || existing.status === "undelivered")) {
    return { status: "failed", messageId: existing.id, reason: existing.errorMessage ?? "This text failed earlier.", code: existing.errorCode };
  }
  if (existing?.status === "sending") {
    // The last attempt died mid-request: Twilio may have the text. Resending could text twice.
    return fail(existing, `${TWILIO_MAY_HAVE_IT}: the previous attempt stopped mid-send, so it was not resent. Check the contact's thread, then retry by hand if it is missing.`, null, true);
  }

  const blockedReason = optedOut && !options.optOutConfirmation
    ? optedOutReason({ e164: options.to, optedOutAt: optedOut.optedOutAt })
    : !options.immediate && isQuietHours(QuietHours.parse(client.quietHours ?? null), client.timezone, now.getTime())
      ? `It is quiet hours for ${client.name}: only immediate replies are sent now. The text was not sent.`
      : null;

  const isFirst = contact && !options.optOutConfirmation ? !contactHasTexts : false;
  const body = isFirst ? composeFirstText(options.body, client.businessName) : options.body.trim();
  const base = {
    clientId: client.id,
    contactId: contact?.id ?? null,
    direction: "outbound" as const,
    body,
    segments: countSegments(body).segments,
    fromNumber: from ?? client.messagingServiceSid!,
    toNumber: options.to,
    runId: options.runId ?? null,
    nodeId: options.nodeId ?? null,
    retryOfId: options.retryOfId ?? null,
  };

  let message: SentMessage;
  if (existing) {
    message = await db.message.update({ where: { id: existing.id }, data: { ...base, status: blockedReason ? "blocked" : "sending" }, select: { id: true, status: true } });
  } else {
    const [created] = await sqlRows<SentMessage>`
      INSERT INTO "Message" ("id", "clientId", "contactId", "direction", "body", "segments", "fromNumber", "toNumber", "runId", "nodeId", "retryOfId",
        "status", "idempotencyKey", "errorMessage", "createdAt", "updatedAt")
      VALUES (${`msg_${crypto.randomUUID()}`}, ${base.clientId}, ${base.contactId}, 'outbound', ${base.body}, ${base.segments}, ${base.fromNumber}, ${base.toNumber},
        ${base.runId}, ${base.nodeId}, ${base.retryOfId}, ${blockedReason ? "blocked" : "sending"}::"MessageStatus", ${options.idempotencyKey ?? null}, ${blockedReason}, now(), now())
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id", "status"::text AS "status"`;
    if (!created) {
      // A concurrent attempt with the same key won the insert: it is the one that sends.
      const winner = await db.message.findUniqueOrThrow({ where: { idempotencyKey: options.idempotencyKey! } });
      return winner.twilioSid
        ? { status: "sent", messageId: winner.id, sid: winner.twilioSid, body: winner.body }
        : { status: "failed", messageId: winner.id, reason: "Another attempt of this text is in progress; it was not sent twice.", code: null };
    }
    message = created;
  }
  if (blockedReason) return fail(message, blockedReason, null);

  try {
    const sent = await options.transport.send({
      to: options.to,
      // Both when both are set: Twilio sends from the number (in the service's sender pool) under the
      // service's A2P campaign, so the caller sees the number they called.
      from,
      messagingServiceSid: client.messagingServiceSid,
      body,
      // Our id in the URL: Twilio's first callback can arrive before its SID is stored below.
      statusCallback: `${env.PUBLIC_BASE_URL}/api/twilio/status?m=${message.id}`,
      validityPeriodSeconds: options.immediate ? IMMEDIATE_VALIDITY_SECONDS : null,
    });
    // One statement; the status only moves forward: a status callback may already have moved it to sent or delivered.
    await db.$executeRaw`
      UPDATE "Message" SET "twilioSid" = ${sent.sid}, "segments" = ${sent.segments || base.segments}, "sentAt" = ${new Date()},
        "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = now(),
        "status" = CASE WHEN "status" IN ('sending', 'pending') THEN 'queued'::"MessageStatus" ELSE "status" END
      WHERE "id" = ${message.id}`;
    return { status: "sent", messageId: message.id, sid: sent.sid, body };
  } catch (error) {
    if (!(error instanceof SmsSendError)) {
      await db.message.updateMany({ where: { id: message.id, status: "sending" }, data: { status: "pending", errorMessage: String(error) } });
      throw error;
    }
    if (error.outcomeUnknown) return fail(message, `${TWILIO_MAY_HAVE_IT}: ${error.message}`, error.code, true);
    if (!error.permanent) {
      if (options.lastAttempt) {
        return fail(message, `${error.message} That was the last attempt, so the text was not sent: retry it from Failed sends once Twilio answers again.`, error.code);
      }
      // Nothing was sent: leave the row retryable and let the step retry with backoff (unless the run
      // was cancelled meanwhile and its texts settled: run-cancellation.ts).
      await db.message.updateMany({ where: { id: message.id, status: "sending" }, data: { status: "pending", errorCode: error.code, errorMessage: error.message } });
      throw error;
    }
    if (error.code === 21610 && contact && !contact.optedOut) {
      // Through the opt-out service: the audit trail, and the contact's other waiting runs end.
      await optOutContact({ clientId: client.id, e164: contact.e164, at: now, reason: "Twilio 21610 (unsubscribed recipient)", keepRunId: options.runId });
    }
    return fail(message, error.message, error.code);
  }
}

/** How Failed sends and run history begin the reason of a text whose outcome is unknown. */
export const TWILIO_MAY_HAVE_IT = "Twilio may have it";

/** Why a text to an opted-out contact is refused (they may have opted out by STOP, or Twilio told us 21610). */
export function optedOutReason(contact: { e164: string; optedOutAt: Date | null }) {
  return `${contact.e164} opted out${contact.optedOutAt ? ` on ${contact.optedOutAt.toISOString().slice(0, 10)}` : ""}; texts to them are blocked until they text START.`;
}

async function fail(message: SentMessage, reason: string, code: number | null, outcomeUnknown = false): Promise<SendSmsResult> {
  await db.message.update({
    where: { id: message.id },
    data: { status: message.status === "blocked" ? "blocked" : "failed", errorCode: code, errorMessage: reason, outcomeUnknown },
  });
  return { status: "failed", messageId: message.id, reason, code, ...(outcomeUnknown ? { outcomeUnknown } : {}) };
}

/** The Message row as sending needs it. */
type SentMessage = Pick<Message, "id" | "status">;

type PreparedSend = {
  client: { id: string; name: string; businessName: string; timezone: string; quietHours: unknown; messagingServiceSid: string | null; defaultFrom: string | null };
  contact: { id: string; e164: string; optedOut: boolean; optedOutAt: Date | null } | null;
  staffOptOut: { optedOut: true; optedOutAt: Date | null } | null;
  existing: { id: string; status: MessageStatus; twilioSid: string | null; body: string; errorMessage: string | null; errorCode: number | null } | null;
  contactHasTexts: boolean;
};

/**
 * Everything a send decides from, in ONE statement (it used to take five, and texting is on every
 * missed call's path): the business and its default sender; the contact, created on first sight
 * (INSERT … ON CONFLICT: concurrent first texts to one number must not race), or for staff whether
 * their mobile opted out; the attempt this idempotency key already made; whether the contact was
 * ever texted (the first text names the business and says how to opt out).
 */
async function prepareSend(clientId: string, to: string, audience: "contact" | "staff", idempotencyKey: string | null): Promise<PreparedSend> {
  const isContact = audience === "contact";
  const [row] = await sqlRows<{
    id: string; name: string; businessName: string; timezone: string; quietHours: unknown; messagingServiceSid: string | null; defaultFrom: string | null;
    contactId: string | null; contactOptedOut: boolean | null; contactOptedOutAt: Date | null; staffOptedOut: boolean | null; staffOptedOutAt: Date | null;
    existing: PreparedSend["existing"]; contactHasTexts: boolean;
  }>`
    WITH contact AS (
      INSERT INTO "Contact" ("id", "clientId", "e164", "tags", "optedOut", "createdAt", "updatedAt")
      SELECT ${`ct_${crypto.randomUUID()}`}, ${clientId}, ${to}, ARRAY[]::text[], false, now(), now()
      WHERE ${isContact}::boolean AND EXISTS (SELECT 1 FROM "Client" WHERE "id" = ${clientId})
      ON CONFLICT ("clientId", "e164") DO UPDATE SET "e164" = EXCLUDED."e164"
      RETURNING "id", "optedOut", "optedOutAt"
    )
    SELECT c."id", c."name", c."businessName", c."timezone", c."quietHours", c."messagingServiceSid",
      (SELECT n."e164" FROM "PhoneNumber" n WHERE n."clientId" = c."id" ORDER BY n."createdAt" LIMIT 1) AS "defaultFrom",
      ct."id" AS "contactId", ct."optedOut" AS "contactOptedOut", ct."optedOutAt" AS "contactOptedOutAt",
      so."optedOut" AS "staffOptedOut", so."optedOutAt" AS "staffOptedOutAt",
      (SELECT json_build_object('id', m."id", 'status', m."status", 'twilioSid', m."twilioSid", 'body', m."body", 'errorMessage', m."errorMessage", 'errorCode', m."errorCode")
        FROM "Message" m WHERE m."idempotencyKey" = ${idempotencyKey}) AS "existing",
      EXISTS (SELECT 1 FROM "Message" m WHERE m."contactId" = ct."id" AND m."direction" = 'outbound'
        AND m."status" IN ('queued', 'sending', 'sent', 'delivered')) AS "contactHasTexts"
    FROM "Client" c
    LEFT JOIN contact ct ON true
    LEFT JOIN "Contact" so ON NOT ${isContact}::boolean AND so."clientId" = c."id" AND so."e164" = ${to} AND so."optedOut"
    WHERE c."id" = ${clientId}`;
  if (!row) throw notFound("That business");
  return {
    client: { id: row.id, name: row.name, businessName: row.businessName, timezone: row.timezone, quietHours: row.quietHours, messagingServiceSid: row.messagingServiceSid, defaultFrom: row.defaultFrom },
    contact: row.contactId ? { id: row.contactId, e164: to, optedOut: !!row.contactOptedOut, optedOutAt: row.contactOptedOutAt } : null,
    staffOptOut: row.staffOptedOut ? { optedOut: true, optedOutAt: row.staffOptedOutAt } : null,
    existing: row.existing,
    contactHasTexts: row.contactHasTexts,
  };
}
