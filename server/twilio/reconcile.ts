import { db } from "../db/client";
import { createTwilioClient, twilioTransport } from "../messaging/default-transport";
import { sendSms } from "../messaging/send-sms";
import { applyMessageStatus } from "../messaging/message-status";
import { receiveText } from "../inbox/receive-text";

/**
 * What Twilio's webhooks missed while the app was down, fetched from Twilio's API. Twilio does not
 * re-send a status callback or (by default) an inbound-text webhook that failed, so without this a
 * text stays "sent" forever and a reply sent during an outage is never heard.
 * - Outbound texts not final (queued, sending, sent) for STUCK_AFTER_MS: `messages(sid).fetch()`,
 *   and the status applied exactly as a status callback would be.
 * - Outbound texts whose send outcome was unknown ("Twilio may have it"): found among the texts
 *   Twilio lists for that number, or known not sent.
 * - Inbound texts to each business number since its last complete listing (less a margin;
 *   PhoneNumber.inboundReconciledAt): `messages.list({ to, dateSentAfter })`, and each one not
 *   stored yet taken in by the SMS webhook's own code path. MessageSid is unique, so a text is
 *   never taken in twice.
 * Both look back at most LOOK_BACK_MS. `now` is the scheduled time of the run (Inngest's cron `ts`).
 */
export const STUCK_AFTER_MS = 5 * 60_000;
export const LOOK_BACK_MS = 3 * 86_400_000;
/** Our clock and Twilio's differ, and a webhook stores a text a little after Twilio dates it. */
const INBOUND_MARGIN_MS = 10 * 60_000;
const BATCH = 200;

type TwilioClient = ReturnType<typeof createTwilioClient>;

export interface ReconcileReport {
  checked: number;
  moved: number;
  /** Texts Twilio has no record of (404, code 20404): recorded failed. */
  missing: number;
  inboundFound: number;
  /** Look-ups that failed (Twilio unreachable, say): tried again next time. */
  errors: string[];
}

export async function reconcileTwilio(options: { now: Date; client?: TwilioClient }): Promise<ReconcileReport> {
  const client = options.client ?? createTwilioClient();
  const report: ReconcileReport = { checked: 0, moved: 0, missing: 0, inboundFound: 0, errors: [] };
  await reconcileOutbound(client, options.now, report);
  await settleUnknownOutcomes(client, options.now, report);
  await reconcileInbound(client, options.now, report);
  return report;
}

async function reconcileOutbound(client: TwilioClient, now: Date, report: ReconcileReport) {
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
  const oldest = new Date(now.getTime() - LOOK_BACK_MS);
  // The partial index Message_in_flight's own predicate (Prisma's casts would keep the planner off it).
  const stuck = await db.$queryRaw<{ id: string; twilioSid: string }[]>`
    SELECT m."id", m."twilioSid" FROM "Message" m
     WHERE m."direction" = 'outbound' AND m."status" IN ('queued', 'sending', 'sent')
       AND m."updatedAt" < ${stuckBefore} AND m."createdAt" > ${oldest} AND m."twilioSid" IS NOT NULL
     ORDER BY m."updatedAt" ASC LIMIT ${BATCH}`;
  for (const row of stuck) {
    report.checked++;
    try {
      const message = await client.messages(row.twilioSid).fetch();
      const outcome = await applyMessageStatus({ messageSid: row.twilioSid, twilioStatus: message.status, errorCode: message.errorCode ?? null, messageId: row.id });
      if (outcome === "moved") report.moved++;
      // Still on its way (a carrier can take hours): look again next time, not at every run before then.
      else await db.$executeRaw`UPDATE "Message" SET "updatedAt" = now() WHERE "id" = ${row.id}`;
    } catch (error) {
      const e = error as { status?: number; code?: number; message?: string };
      if (e.status === 404) {
        report.missing++;
        await db.message.updateMany({
          where: { id: row.id, status: { in: ["queued", "sending", "sent"] } },
          data: { status: "failed", errorCode: 20404, errorMessage: "Twilio has no record of this text (20404), so it did not go out. Retry it if it still matters." },
        });
      } else {
        report.errors.push(`${row.twilioSid}: ${e.message ?? String(error)}`);
      }
    }
  }
}

/**
 * Texts recorded "Twilio may have it" (the connection dropped after the request went out, so the
 * app never learnt the SID): the texts Twilio has to that number from that sender since just before
 * ours are looked through for the same body. Found: it is that text, with its SID and status. Not
 * found: Twilio does not have it, so it was not sent — a plain failure, safe to retry.
 */
async function settleUnknownOutcomes(client: TwilioClient, now: Date, report: ReconcileReport) {
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
  const oldest = new Date(now.getTime() - LOOK_BACK_MS);
  // The partial index Message_outcome_unknown's own predicate.
  const unknown = await db.$queryRaw<{ id: string; toNumber: string; fromNumber: string; body: string; createdAt: Date }[]>`
    SELECT m."id", m."toNumber", m."fromNumber", m."body", m."createdAt" FROM "Message" m
     WHERE m."outcomeUnknown" AND m."twilioSid" IS NULL AND m."resolvedAt" IS NULL
       AND m."createdAt" > ${oldest} AND m."createdAt" < ${stuckBefore}
     ORDER BY m."createdAt" ASC LIMIT ${BATCH}`;
  for (const row of unknown) {
    report.checked++;
    try {
      const listed = await client.messages.list({ to: row.toNumber, dateSentAfter: new Date(row.createdAt.getTime() - 60_000), limit: 200 });
      const candidates = listed.filter((m) => m.direction !== "inbound" && m.body === row.body && (m.from === row.fromNumber || m.messagingServiceSid === row.fromNumber));
      const taken = new Set((await db.message.findMany({ where: { twilioSid: { in: candidates.map((m) => m.sid) } }, select: { twilioSid: true } })).map((m) => m.twilioSid));
      const match = candidates.reverse().find((m) => !taken.has(m.sid)); // the earliest not claimed by another row
      if (match) {
        if ((await applyMessageStatus({ messageSid: match.sid, twilioStatus: match.status, errorCode: match.errorCode ?? null, messageId: row.id })) === "moved") report.moved++;
      } else {
        await db.message.updateMany({
          where: { id: row.id, outcomeUnknown: true, twilioSid: null },
          data: { outcomeUnknown: false, errorMessage: "Twilio has no record of this text (the connection dropped before Twilio took it), so it was not sent. Retry it from Failed sends." },
        });
        report.missing++;
      }
    } catch (error) {
      report.errors.push(`unknown outcome of ${row.id}: ${(error as Error).message}`);
    }
  }
}

async function reconcileInbound(client: TwilioClient, now: Date, report: ReconcileReport) {
  const numbers = await db.phoneNumber.findMany({ where: { client: { archivedAt: null } }, select: { id: true, e164: true, inboundReconciledAt: true } });
  for (const { id, e164, inboundReconciledAt } of numbers) {
    // From where the last complete listing reached, not from the last text stored: a text that
    // reached the webhook once the app was back would move that past the texts lost while it was down.
    const since = new Date(Math.max(now.getTime() - LOOK_BACK_MS, (inboundReconciledAt?.getTime() ?? 0) - INBOUND_MARGIN_MS));
    // Our clock when the listing began: every text Twilio dated before it is in this listing.
    const listedAt = new Date();
    let listed;
    try {
      listed = await client.messages.list({ to: e164, dateSentAfter: since, limit: 1000 });
    } catch (error) {
      report.errors.push(`texts to ${e164}: ${(error as Error).message}`);
      continue;
    }
    const inbound = listed.filter((m) => m.direction === "inbound").reverse(); // oldest first, as they came
    let complete = true;
    const stored = new Set((await db.message.findMany({ where: { twilioSid: { in: inbound.map((m) => m.sid) } }, select: { twilioSid: true } })).map((m) => m.twilioSid));
    for (const m of inbound) {
      if (stored.has(m.sid)) continue;
      try {
        // The webhook's own path: stored once per MessageSid, STOP/START/HELP first, then `sms/received`
        // (id = MessageSid) resumes the waiting run. Its TwiML answer has nobody to go to: for STOP,
        // START and HELP Twilio's own opt-out handling answers the texter; a revocation in other
        // words Twilio does not recognise, so its one confirmation is sent here (once per text).
        const answer = await receiveText({ messageSid: m.sid, from: m.from, to: m.to, body: m.body ?? "" });
        report.inboundFound++;
        if (answer.reply && answer.revocation) {
          await sendSms({
            clientId: answer.revocation.clientId,
            to: m.from,
            from: m.to,
            body: answer.reply,
            immediate: true,
            optOutConfirmation: true,
            idempotencyKey: `revocation-confirmed:${m.sid}`,
            transport: twilioTransport(client),
            lastAttempt: true,
          });
        }
      } catch (error) {
        complete = false;
        report.errors.push(`inbound ${m.sid}: ${(error as Error).message}`);
      }
    }
    // A text that could not be taken in is listed again next time.
    if (complete) await db.phoneNumber.update({ where: { id }, data: { inboundReconciledAt: listedAt } });
  }
}
