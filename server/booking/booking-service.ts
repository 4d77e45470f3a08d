import { BookingSettings, ClientSchedule } from "../clients/settings-schemas";
import { db, Prisma } from "../db/client";
import { notFound } from "../errors";
import { upsertContactByPhone } from "../contacts/contact-upsert";
import { freeSlots } from "../schedule";

/** The next free slots of a client from `from`: inside business hours, clear of booked appointments. */
export async function findFreeSlots(options: { clientId: string; from: Date; count: number }) {
  const client = await db.client.findUnique({ where: { id: options.clientId } });
  if (!client) throw notFound("That business");
  const schedule = ClientSchedule.parse({
    timezone: client.timezone,
    businessHours: client.businessHours,
    closures: client.closures,
    quietHours: client.quietHours ?? null,
  });
  const booking = BookingSettings.parse(client.bookingSettings);
  const horizon = new Date(options.from.getTime() + (booking.daysAhead + 1) * 86_400_000);
  const existing = await db.appointment.findMany({
    where: { clientId: options.clientId, status: "booked", endsAt: { gt: options.from }, startsAt: { lt: horizon } },
    select: { startsAt: true, endsAt: true },
  });
  return freeSlots({
    schedule,
    booking,
    from: options.from.toISOString(),
    existing: existing.map((a) => ({ startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })),
    count: options.count,
  });
}

/**
 * Books a slot for a contact. The database decides races: the partial unique index
 * "Appointment_no_double_booking" lets exactly one of any number of concurrent bookings of a
 * slot succeed; the others get `booked: false`. A retried step of the same run finds its own
 * appointment and reports it booked again.
 */
export async function bookSlot(options: { clientId: string; contactE164: string; startsAt: Date; endsAt: Date; runId?: string | null }) {
  const contact = await upsertContactByPhone({ clientId: options.clientId, e164: options.contactE164 });
  if (options.runId) {
    const mine = await db.appointment.findFirst({ where: { runId: options.runId, startsAt: options.startsAt, status: "booked" } });
    if (mine) return { booked: true as const, appointmentId: mine.id };
  }
  try {
    const appointment = await db.appointment.create({
      data: { clientId: options.clientId, contactId: contact.id, startsAt: options.startsAt, endsAt: options.endsAt, runId: options.runId ?? null },
    });
    return { booked: true as const, appointmentId: appointment.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { booked: false as const };
    throw error;
  }
}
