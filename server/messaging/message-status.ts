import { optOutContact } from "../contacts/opt-out";
import { db } from "../db/client";
import { inngest } from "../events/client";
import { smsDeliveryFailed } from "../events/schemas";
import { explainTwilioError } from "./twilio-errors";

/**
 * What Twilio says became of a text, applied to its Message: from a status callback, or from the
 * reconciler that fetched the Message because no callback came. Twilio may report late and out of
 * order, so a status only moves forward (a late "sent" never overwrites "delivered"), in one
 * conditional UPDATE that concurrent reports cannot race past. One exception: a text recorded failed
 * because its outcome was unknown ("Twilio may have it") takes whatever Twilio says it became.
 */
const RANK: Record<string, number> = { pending: 0, sending: 1, queued: 2, sent: 3, delivered: 4, undelivered: 5, failed: 5 };
const FROM_TWILIO: Record<string, keyof typeof RANK | null> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "sending",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
  receiving: null,
  received: null,
};

/** Statuses after which Twilio reports nothing more about a text. */
export const FINAL_STATUSES = ["delivered", "undelivered", "failed"] as const;

export interface TwilioMessageStatus {
  messageSid: string;
  /** Twilio's status word (queued, sent, delivered, undelivered, failed, …). */
  twilioStatus: string;
  errorCode: number | null;
  /** Our Message id, when Twilio's callback URL carries it (`?m=`): found even before its SID is stored. */
  messageId?: string | null;
}

export type ApplyOutcome = "moved" | "unchanged" | "unknown";

export async function applyMessageStatus(report: TwilioMessageStatus): Promise<ApplyOutcome> {
  const status = FROM_TWILIO[report.twilioStatus];
  if (!status) return "unchanged";
  const which = report.messageId ? { id: report.messageId, OR: [{ twilioSid: report.messageSid }, { twilioSid: null }] } : { twilioSid: report.messageSid };
  const lower = Object.keys(RANK).filter((s) => RANK[s] < RANK[status]) as (keyof typeof RANK)[];
  const code = report.errorCode;
  const failed = status === "failed" || status === "undelivered";
  const reason = code ? `${code}: ${explainTwilioError(code).explanation}` : `Twilio reported the text ${report.twilioStatus}.`;
  // Found and moved forward in one statement; only a report that changed nothing looks further.
  const [moved] = await db.message.updateManyAndReturn({
    where: { AND: [which, { OR: [{ status: { in: lower as never[] } }, { status: "failed", outcomeUnknown: true, resolvedAt: null }] }] },
    select: { id: true, clientId: true, contactId: true, runId: true, status: true },
    data: {
      status: status as never,
      twilioSid: report.messageSid,
      outcomeUnknown: false,
      ...(status === "delivered" ? { deliveredAt: new Date() } : {}),
      ...(failed ? { errorCode: code, errorMessage: reason } : { errorCode: null, errorMessage: null }),
    },
  });
  if (!moved) return (await db.message.findFirst({ where: which, select: { id: true } })) ? "unchanged" : "unknown";
  if (code === 21610 && moved.contactId) {
    const contact = await db.contact.findUnique({ where: { id: moved.contactId } });
    if (contact && !contact.optedOut) await optOutContact({ clientId: moved.clientId, e164: contact.e164, reason: "Twilio 21610 (unsubscribed recipient)" });
  }
  // A flow's text to a caller that fails after Twilio took it: the send step had already gone on by
  // "sent", so the run never hears of it. Staff are told (once per text) by an Inngest function.
  if (failed && moved.runId && moved.contactId) {
    await inngest.send(smsDeliveryFailed.create({ clientId: moved.clientId, messageId: moved.id, runId: moved.runId, reason }, { id: `delivery-failed:${moved.id}` }));
  }
  return "moved";
}
