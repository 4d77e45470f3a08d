import { db } from "../db/client";
import { notFound } from "../errors";
import { defaultSmsTransport } from "../messaging/default-transport";
import { sendSms } from "../messaging/send-sms";

/**
 * One thread per contact. Threads with a flagged text nobody has read come first (a caller asking
 * not to be texted, a "wrong number"), then threads with unread texts, then the rest, each group
 * most recent first: a caller's request never hides behind the flow's own later text. A thread with
 * unread texts shows its newest unread text, not the last message, as its preview.
 */
export async function listThreads(options: { clientId: string }) {
  const { clientId } = options;
  const unread = await db.message.findMany({
    where: { clientId, direction: "inbound", readAt: null, contactId: { not: null } },
    select: { contactId: true, body: true, flag: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 1000,
  });
  const unreadIds = [...new Set(unread.map((m) => m.contactId!))];
  const contacts = await db.contact.findMany({
    where: { clientId, OR: [{ id: { in: unreadIds } }, { messages: { some: {} } }] },
    include: { messages: { orderBy: { createdAt: "desc" }, take: 1 } },
    take: 200 + unreadIds.length,
  });
  const threads = contacts.map((c) => {
    const mine = unread.filter((m) => m.contactId === c.id);
    const last = c.messages[0] ? { body: c.messages[0].body, direction: c.messages[0].direction, at: c.messages[0].createdAt } : null;
    return {
      contactId: c.id,
      e164: c.e164,
      name: c.name,
      optedOut: c.optedOut,
      last,
      unread: mine.length,
      /** The newest unread text, shown instead of `last` while there is one. */
      lastUnread: mine[0] ? { body: mine[0].body, at: mine[0].createdAt } : null,
      /** Why the newest unread flagged text needs a look, if there is one. */
      flag: mine.find((m) => m.flag !== null)?.flag ?? null,
    };
  });
  const rank = (t: (typeof threads)[number]) => (t.flag ? 0 : t.unread > 0 ? 1 : 2);
  return threads.sort((a, b) => rank(a) - rank(b) || (b.last?.at.getTime() ?? 0) - (a.last?.at.getTime() ?? 0));
}

/** Staff opened the thread: its inbound texts are read. Answers how many were unread. */
export async function markThreadRead(options: { clientId: string; contactId: string }) {
  const contact = await db.contact.findFirst({ where: { id: options.contactId, clientId: options.clientId }, select: { id: true } });
  if (!contact) throw notFound("That contact");
  const { count } = await db.message.updateMany({
    where: { clientId: options.clientId, contactId: options.contactId, direction: "inbound", readAt: null },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

export async function getThread(options: { clientId: string; contactId: string }) {
  const contact = await db.contact.findFirst({
    where: { id: options.contactId, clientId: options.clientId },
    include: {
      messages: { orderBy: { createdAt: "asc" }, take: 500 },
      runs: { orderBy: { startedAt: "desc" }, take: 10, include: { flow: { select: { name: true } } } },
      leads: { orderBy: { createdAt: "desc" }, take: 1 },
      appointments: { orderBy: { startsAt: "desc" }, take: 5 },
    },
  });
  if (!contact) throw notFound("That contact");
  // By number: a first-time caller's Call is stored before the contact exists.
  const calls = await db.call.findMany({ where: { clientId: options.clientId, fromNumber: contact.e164, missed: true }, orderBy: { createdAt: "desc" }, take: 10 });
  return {
    contact: { id: contact.id, e164: contact.e164, name: contact.name, optedOut: contact.optedOut },
    messages: contact.messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, status: m.status, errorCode: m.errorCode, at: m.createdAt, flag: m.flag, unread: m.direction === "inbound" && m.readAt === null })),
    runs: contact.runs.map((r) => ({ id: r.id, flowName: r.flow.name, status: r.status, startedAt: r.startedAt })),
    lead: contact.leads[0] ? { status: contact.leads[0].status } : null,
    appointments: contact.appointments.map((a) => ({ id: a.id, startsAt: a.startsAt, status: a.status })),
    /** Missed calls with their voicemail: the transcript shows here even when it came too late for the flow. */
    calls: calls.map((c) => ({ id: c.id, at: c.createdAt, reason: c.reason, voicemailUrl: c.voicemailUrl, transcript: c.transcript })),
  };
}

/**
 * A staff member's reply, through the same guarded sendSms as every flow text. `requestId` comes
 * from the browser: a resubmitted form sends nothing twice.
 */
export async function replyToContact(options: { clientId: string; contactId: string; body: string; requestId: string }) {
  const contact = await db.contact.findFirst({ where: { id: options.contactId, clientId: options.clientId } });
  if (!contact) throw notFound("That contact");
  return sendSms({
    clientId: options.clientId,
    to: contact.e164,
    body: options.body,
    immediate: true,
    // Keys are unique across all clients: scoped so another client's (or contact's) request id finds nothing.
    idempotencyKey: `inbox:${options.clientId}:${options.contactId}:${options.requestId}`,
    transport: defaultSmsTransport(),
  });
}
