import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { firstNameOf } from "./contact-name";
import { optOutContact } from "./opt-out";

/** Contacts with their open lead and last activity, newest first; `search` matches the name, a tag or digits of the number. */
export async function listContacts(options: { clientId: string; limit?: number; search?: string | null }) {
  const search = options.search?.trim() ?? "";
  const digits = search.replace(/\D/g, "");
  const contacts = await db.contact.findMany({
    where: {
      clientId: options.clientId,
      ...(search
        ? { OR: [{ name: { contains: search, mode: "insensitive" as const } }, { tags: { has: search.toLowerCase() } }, ...(digits.length >= 3 ? [{ e164: { contains: digits } }] : [])] }
        : {}),
    },
    orderBy: { updatedAt: "desc" },
    take: options.limit ?? 200,
    include: { leads: { orderBy: { createdAt: "desc" }, take: 1 }, _count: { select: { runs: true, messages: true, appointments: true } } },
  });
  return contacts.map((c) => ({
    id: c.id,
    e164: c.e164,
    name: c.name,
    tags: c.tags,
    optedOut: c.optedOut,
    optedOutAt: c.optedOutAt,
    lead: c.leads[0] ? { id: c.leads[0].id, status: c.leads[0].status, createdAt: c.leads[0].createdAt } : null,
    runs: c._count.runs,
    messages: c._count.messages,
    appointments: c._count.appointments,
    updatedAt: c.updatedAt,
  }));
}

export async function setLeadStatus(options: { clientId: string; leadId: string; status: "open" | "won" | "lost" }) {
  const lead = await db.lead.findFirst({ where: { id: options.leadId, clientId: options.clientId } });
  if (!lead) throw notFound("That lead");
  try {
    await db.lead.update({ where: { id: lead.id }, data: { status: options.status, closedAt: options.status === "open" ? null : new Date() } });
  } catch {
    throw new AppError("CONFLICT", "This contact already has another open lead; close that one first.");
  }
}

/** Staff may opt a contact out; only the contact's own START opts them back in. */
export async function optOutByStaff(options: { clientId: string; contactId: string; actorName: string }) {
  const contact = await db.contact.findFirst({ where: { id: options.contactId, clientId: options.clientId } });
  if (!contact) throw notFound("That contact");
  if (contact.optedOut) return;
  await optOutContact({ clientId: options.clientId, e164: contact.e164, reason: `opted out by ${options.actorName}` });
}

export async function listAppointments(options: { clientId: string }) {
  const rows = await db.appointment.findMany({
    where: { clientId: options.clientId },
    orderBy: { startsAt: "desc" },
    take: 200,
    include: { contact: { select: { e164: true, name: true } } },
  });
  return rows.map((a) => ({ id: a.id, startsAt: a.startsAt, endsAt: a.endsAt, status: a.status, contact: a.contact, runId: a.runId }));
}

export async function cancelAppointment(options: { clientId: string; appointmentId: string }) {
  const { count } = await db.appointment.updateMany({ where: { id: options.appointmentId, clientId: options.clientId, status: "booked" }, data: { status: "cancelled" } });
  if (!count) throw notFound("That booked appointment");
}

/**
 * Names and tags a contact. The first name (for `{{contact.firstName|there}}`) is the name's first
 * word; tags are lower-case words, so "Only if tagged: vip" matches however staff typed it.
 */
export async function updateContact(options: { clientId: string; contactId: string; name: string | null; tags: string[] }) {
  const contact = await db.contact.findFirst({ where: { id: options.contactId, clientId: options.clientId }, select: { id: true } });
  if (!contact) throw notFound("That contact");
  const name = options.name?.trim() || null;
  const tags = [...new Set(options.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  return db.contact.update({
    where: { id: contact.id },
    data: { name, firstName: name ? firstNameOf(name) : null, tags },
    select: { id: true, name: true, firstName: true, tags: true },
  });
}
