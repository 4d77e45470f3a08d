import { db, sqlRows } from "../db/client";
import { unfinishedCallStatuses } from "../events/schemas";
import type { LiveNumber } from "../numbers/number-lookup";
import { startRunsForMissedCall } from "./start-runs";

/**
 * The Call row through a call's life, as Twilio's callbacks report it: ringing → answered, or
 * missed (busy, no-answer, failed, canceled), or at the voicemail prompt → voicemail. The webhooks
 * and Inngest functions call these; none of them touches the table itself. Every write is
 * idempotent per CallSid, since Twilio retries its callbacks.
 */

export type DialOutcome = "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled" | string;
const MISSED = new Set(["busy", "no-answer", "failed", "canceled"]);
type MissedReason = "busy" | "no-answer" | "failed" | "canceled";

/**
 * An incoming call to a business number: the number (with its live business) and the Call row, in
 * ONE statement on the voice webhook's hot path. Null: no live business has the number, and no
 * row is written. A retried webhook finds its Call already there and changes nothing.
 */
export async function recordIncomingCall(call: { callSid: string; from: string; to: string }): Promise<LiveNumber | null> {
  const [number] = await sqlRows<LiveNumber>`
    WITH number AS (
      SELECT n."id", n."e164", n."clientId", c."businessName", n."forwardTo", n."ringTimeoutSeconds", n."voicemailEnabled", n."mode"::text AS "mode"
      FROM "PhoneNumber" n JOIN "Client" c ON c."id" = n."clientId"
      WHERE n."e164" = ${call.to} AND c."archivedAt" IS NULL
    ), stored AS (
      INSERT INTO "Call" ("id", "clientId", "phoneNumberId", "contactId", "callSid", "fromNumber", "toNumber", "status", "missed", "createdAt", "updatedAt")
      SELECT ${`ca_${crypto.randomUUID()}`}, number."clientId", number."id",
        (SELECT ct."id" FROM "Contact" ct WHERE ct."clientId" = number."clientId" AND ct."e164" = ${call.from}),
        ${call.callSid}, ${call.from}, ${call.to}, 'ringing', false, now(), now()
      FROM number
      ON CONFLICT ("callSid") DO NOTHING
    )
    SELECT * FROM number`;
  return number ?? null;
}

/** What the dial-result answer needs: the call, and whether it goes on to the voicemail prompt. */
export type SettledCall = { id: string; createdAt: Date; clientId: string; answered: boolean; voicemail: boolean; businessName: string; reason: MissedReason };

/**
 * The business's phone was tried (or, for a forwarded call, already was): the Call of a number whose
 * business is not archived is marked answered, missed or at the voicemail prompt, and read back, in
 * one statement. Null: an unknown call (or its business is archived).
 */
export async function settleDialResult(dial: { callSid: string; to: string; dialStatus: DialOutcome }): Promise<SettledCall | null> {
  const answered = !MISSED.has(dial.dialStatus);
  const reason = dial.dialStatus as MissedReason;
  const [call] = await sqlRows<Omit<SettledCall, "answered" | "reason">>`
    WITH target AS (
      SELECT c."id", (NOT ${answered}::boolean AND n."voicemailEnabled" AND ${reason}::text <> 'canceled') AS "voicemail", n."clientId", cl."businessName"
      FROM "Call" c, "PhoneNumber" n JOIN "Client" cl ON cl."id" = n."clientId"
      WHERE c."callSid" = ${dial.callSid} AND n."e164" = ${dial.to} AND cl."archivedAt" IS NULL
    )
    UPDATE "Call" c SET
      "dialStatus" = ${dial.dialStatus},
      "status" = CASE WHEN ${answered}::boolean THEN 'answered' WHEN t."voicemail" THEN 'voicemail' ELSE 'missed' END,
      "missed" = CASE WHEN ${answered}::boolean THEN c."missed" ELSE true END,
      "reason" = CASE WHEN ${answered}::boolean THEN c."reason" WHEN t."voicemail" THEN 'voicemail' ELSE ${reason}::text END,
      "updatedAt" = now()
    FROM target t
    WHERE c."id" = t."id"
    RETURNING c."id", c."createdAt", t."clientId", t."voicemail", t."businessName"`;
  return call ? { ...call, answered, reason } : null;
}

/** The call's status as the call-status callback needs it (null: unknown call). */
export async function callState(callSid: string) {
  return db.call.findUnique({ where: { callSid }, select: { status: true, voicemailUrl: true } });
}

/** Whether a call that ended needs a look: it was left ringing or at the greeting, with no recording. */
export function isUnfinished(call: { status: string; voicemailUrl: string | null }): boolean {
  return unfinishedCallStatuses.has(call.status) && !call.voicemailUrl;
}

/** A voicemail's transcript arrived: stored on the Call (false: unknown call). */
export async function storeTranscript(callSid: string, transcript: string | null): Promise<boolean> {
  const { count } = await db.call.updateMany({ where: { callSid }, data: { transcript } });
  return count > 0;
}

/**
 * The voicemail prompt ended. With a recording: it is stored, and the runs start once its transcript
 * comes (server/inngest/functions/voicemail.ts) — `"recorded"`. Without one (the caller hung up at
 * the prompt) the call is missed and its runs start now — `"missed"`. Null: unknown call.
 */
export async function settleVoicemailPrompt(callSid: string, recordingUrl: string | null): Promise<"recorded" | "missed" | null> {
  const call = await db.call.findUnique({ where: { callSid } });
  if (!call) return null;
  if (recordingUrl) {
    await db.call.update({ where: { callSid }, data: { voicemailUrl: recordingUrl } });
    return "recorded";
  }
  const reason = (call.dialStatus ?? "no-answer") as "busy" | "no-answer" | "failed";
  await db.call.update({ where: { callSid }, data: { status: "missed", reason } });
  await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid, from: call.fromNumber, to: call.toNumber, reason, at: call.createdAt.toISOString(), voicemailTranscript: null });
  return "missed";
}

/** A recorded voicemail's runs start, with its transcript (or the one stored on the Call, or none). */
export async function startRunsAfterVoicemail(callSid: string, transcript: string | null) {
  const call = await db.call.findUniqueOrThrow({ where: { callSid } });
  const text = transcript ?? call.transcript ?? null;
  await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid, from: call.fromNumber, to: call.toNumber, reason: "voicemail", at: call.createdAt.toISOString(), voicemailTranscript: text });
  return { transcript: text };
}

/**
 * A call that ended still ringing or at the greeting, after the grace for its late callbacks: if no
 * <Dial> result or recording turned up, it is missed and its runs start. Idempotent.
 */
export async function settleUnfinishedCall(callSid: string): Promise<{ sent: false } | { sent: true; reason: string }> {
  const call = await db.call.findUniqueOrThrow({ where: { callSid } });
  if (!isUnfinished(call)) return { sent: false };
  // Still ringing: the caller hung up before the business answered.
  const reason = (call.status === "ringing" ? "no-answer" : (call.dialStatus ?? "no-answer")) as "busy" | "no-answer" | "failed";
  await db.call.update({ where: { id: call.id }, data: { status: "missed", missed: true, reason } });
  await startRunsForMissedCall({ clientId: call.clientId, callId: call.id, callSid, from: call.fromNumber, to: call.toNumber, reason, at: call.createdAt.toISOString(), voicemailTranscript: null });
  return { sent: true, reason };
}
