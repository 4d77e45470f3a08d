import { claimCooldown } from "./cooldown";
import { bookSlot, findFreeSlots } from "../../booking/booking-service";
import { db } from "../../db/client";
import { openLead } from "../../leads/lead-service";
import { sendSms } from "../../messaging/send-sms";
import type { SmsTransport } from "../../messaging/transport";
import { notifyStaff } from "../../notifications/notify-staff";
import { tagContact } from "../../contacts/tag-contact";
import { pickWeighted, type Effect, type EffectResult } from "../engine";
import { performWebhookStep } from "./webhook-step";

/** The run an effect belongs to. */
export interface RunContext {
  runId: string;
  clientId: string;
  flowId: string;
  /** The business number the call came in on: texts go out from it. */
  businessNumber: string;
  transport: SmsTransport;
  /** This is the step's last attempt: a text that cannot go out now is recorded failed, not retried. */
  lastAttempt?: boolean;
}

const nowIso = () => new Date().toISOString();

/**
 * Performs one I/O effect and answers it in the shape the engine expects. Waits (waitForReply,
 * sleep) are not here: the durable runner turns them into Inngest waits. Throws on transient
 * failure so the step retries.
 */
export async function performEffect(effect: Effect, run: RunContext): Promise<EffectResult> {
  switch (effect.kind) {
    case "sendSms": {
      const sent = await sendSms({
        clientId: run.clientId,
        to: effect.to,
        body: effect.body,
        immediate: effect.immediate,
        from: run.businessNumber || null,
        runId: run.runId,
        nodeId: effect.nodeId,
        idempotencyKey: `${run.runId}:${effect.stepId}`,
        transport: run.transport,
        lastAttempt: run.lastAttempt,
      });
      return sent.status === "sent"
        ? { status: "sent", messageId: sent.messageId, at: nowIso() }
        : { status: "failed", messageId: sent.messageId, error: sent.reason, at: nowIso() };
    }
    case "claimCooldown": {
      const claimed = await claimCooldown({
        clientId: run.clientId,
        contactE164: effect.contact,
        scope: effect.scope === "any" ? "*" : run.flowId,
        windowMinutes: effect.windowMinutes,
        runId: run.runId,
        now: new Date(),
      });
      return { claimed, at: nowIso() };
    }
    case "createLead": {
      const lead = await openLead({ clientId: run.clientId, contactE164: effect.contact, runId: run.runId });
      await db.flowRun.update({ where: { id: run.runId }, data: { contactId: lead.contactId } });
      return { leadId: lead.leadId, at: nowIso() };
    }
    case "notifyStaff": {
      await notifyStaff({
        clientId: run.clientId,
        runId: run.runId,
        nodeId: effect.nodeId,
        stepId: effect.stepId,
        title: "A caller needs you",
        body: effect.body,
        channels: effect.channels,
        transport: run.transport,
        lastAttempt: run.lastAttempt,
      });
      return { at: nowIso() };
    }
    case "findSlots": {
      const slots = await findFreeSlots({ clientId: run.clientId, from: new Date(effect.from), count: effect.count });
      return { slots, at: nowIso() };
    }
    case "bookSlot": {
      const booked = await bookSlot({
        clientId: run.clientId,
        contactE164: effect.contact,
        startsAt: new Date(effect.slot.startsAt),
        endsAt: new Date(effect.slot.endsAt),
        runId: run.runId,
      });
      return booked.booked ? { booked: true, appointmentId: booked.appointmentId, at: nowIso() } : { booked: false, at: nowIso() };
    }
    case "tagContact": {
      const tags = await tagContact({ clientId: run.clientId, e164: effect.contact, add: effect.add, remove: effect.remove });
      return { tags, at: nowIso() };
    }
    case "pickBranch":
      // The draw happens once, inside this step: Inngest memoizes its result, so every replay of
      // the run (and its history) takes the branch drawn here.
      return { branch: pickWeighted(effect.weights, Math.random()), at: nowIso() };
    case "postWebhook":
      return performWebhookStep(effect, run);
    case "waitForReply":
    case "sleep":
      throw new Error(`${effect.kind} is a wait: the runner performs it, not performEffect.`);
  }
}

/**
 * The caller's text that answers a wait, if it is already in the inbox (it landed during the text,
 * an earlier Wait, or before the wait began): the earliest after `since` and up to `until` — the
 * reply rule of engine/reply-rule.ts (`firstReply`), as a query.
 */
export async function findReplySince(options: { clientId: string; from: string; since: string; until?: string }) {
  const reply = await db.message.findFirst({
    where: {
      clientId: options.clientId,
      fromNumber: options.from,
      direction: "inbound",
      // A flagged text (a revocation, "wrong number"…) is never an answer: contacts/revocation.ts.
      flag: null,
      createdAt: { gt: new Date(options.since), ...(options.until ? { lte: new Date(options.until) } : {}) },
    },
    orderBy: { createdAt: "asc" },
  });
  return reply ? { body: reply.body, at: reply.createdAt.toISOString() } : null;
}
