import { db } from "../db/client";
import { notFound } from "../errors";

/**
 * The in-app notifications a notifyStaff step writes (one per alert, per client), for the bell:
 * the newest first with the unread count. Read state belongs to the client's notification, not to
 * one person: when one of the staff has seen an alert, it is handled for all of them.
 */
export async function listNotifications(options: { clientIds: string[]; limit?: number }) {
  if (!options.clientIds.length) return { unread: 0, items: [] };
  const where = { clientId: { in: options.clientIds } };
  const [unread, items] = await Promise.all([
    db.notification.count({ where: { ...where, readAt: null } }),
    db.notification.findMany({ where, orderBy: { createdAt: "desc" }, take: options.limit ?? 30, include: { client: { select: { name: true, timezone: true } } } }),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      clientId: n.clientId,
      clientName: n.client.name,
      timezone: n.client.timezone,
      runId: n.runId,
      title: n.title,
      body: n.body,
      read: n.readAt !== null,
      createdAt: n.createdAt,
    })),
  };
}

/** Marks notifications read: the given ones (each must be one of `clientIds`'), or all of those clients' when `ids` is null. */
export async function markNotificationsRead(options: { clientIds: string[]; ids: string[] | null; now?: Date }) {
  const where = { clientId: { in: options.clientIds }, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) };
  if (options.ids) {
    const found = await db.notification.count({ where: { id: { in: options.ids }, clientId: { in: options.clientIds } } });
    if (found !== new Set(options.ids).size) throw notFound(options.ids.length === 1 ? "That notification" : "Some of those notifications");
  }
  const { count } = await db.notification.updateMany({ where, data: { readAt: options.now ?? new Date() } });
  return { marked: count };
}
