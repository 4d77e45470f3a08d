import { formatDayTime } from "../../../schedule/format";
import type { Slot } from "../../../schedule/free-slots";
import { formatMinutes } from "../../model/durations";
import { parseSlotChoice } from "../slot-choice";
import { deferForQuietHours } from "./actions";
import { addMinutes, ask, go, render, resultOf, smsTo, type NodeHandler, type NodeOutcome, type NodeRun } from "./node-handler";

/**
 * Booking, as a small conversation inside one node:
 *   offerSlots: [quiet-hours sleep] → findSlots → offer text → wait for the choice
 *               → (unclear? one re-ask → wait) → bookSlot → confirmation text → booked
 *   link:       [quiet-hours sleep] → link text → booked ("Booked / link sent": the link did its job)
 * Anything that stops it (no free times, no answer, an answer we cannot read twice, the time taken
 * meanwhile, no link configured, a failed offer) leaves by notBooked with the reason as the note.
 * The re-ask and the confirmation answer the caller's own text, so they are immediate.
 */

type Kind = "action.book";
type Data = { slots: Slot[]; asked: number; chosen?: Slot };

/** Each phase names the result it is about to receive. */
export const book: NodeHandler<Kind> = (run) => {
  switch (run.phase) {
    case null: {
      const deferred = deferForQuietHours(run, false, "deferred");
      return deferred ?? start(run);
    }
    case "deferred":
      return start(run);
    case "linkSent":
      return resultOf(run, "sendSms").status === "sent" ? go("booked", "booking link sent") : go("notBooked", "the booking link could not be sent");
    case "found":
      return offer(run);
    case "offered":
    case "reasked":
      return resultOf(run, "sendSms").status === "sent" ? awaitChoice(run, data(run)) : go("notBooked", "the booking text could not be sent");
    case "answered":
      return readChoice(run);
    case "booked":
      return confirm(run);
    case "confirmed": {
      const sent = resultOf(run, "sendSms").status === "sent";
      return go("booked", `booked ${run.vars.booking?.time}${sent ? "" : " (the confirmation text failed)"}`);
    }
    default:
      throw new Error(`Unknown booking phase ${run.phase}`);
  }
};

const data = (run: NodeRun<Kind>) => run.data as Data;

function start(run: NodeRun<Kind>): NodeOutcome<Kind> {
  const { booking } = run.facts;
  if (run.node.config.mode === "link") {
    if (!booking?.bookingUrl) return go("notBooked", "no booking link is set in the booking settings");
    return ask(smsTo(run, render(run, run.node.config.template), false, "link"), "linkSent");
  }
  if (!booking) return go("notBooked", "booking is not set up for this business");
  return ask({ kind: "findSlots", from: run.now, count: booking.slotsOffered }, "found");
}

function offer(run: NodeRun<Kind>): NodeOutcome<Kind> {
  const { slots } = resultOf(run, "findSlots");
  if (slots.length === 0) return go("notBooked", `no free times in the next ${run.facts.booking?.daysAhead} days`);
  const tz = run.facts.schedule.timezone;
  const list = slots.map((s, i) => `${i + 1}) ${formatDayTime(s.startsAt, tz)}`).join("\n");
  const body = render(run, run.node.config.template, { "booking.slots": list });
  return ask(smsTo(run, body, false, "offer"), "offered", { slots, asked: 1 } satisfies Data);
}

function awaitChoice(run: NodeRun<Kind>, d: Data): NodeOutcome<Kind> {
  const minutes = run.node.config.replyTimeoutMinutes;
  return ask(
    { kind: "waitForReply", from: run.facts.contact.e164, since: run.repliesSince, timeoutSeconds: minutes * 60, deadline: addMinutes(run.now, minutes) },
    "answered",
    d,
  );
}

function readChoice(run: NodeRun<Kind>): NodeOutcome<Kind> {
  const d = data(run);
  const { reply } = resultOf(run, "waitForReply");
  if (!reply) return go("notBooked", `no answer within ${formatMinutes(run.node.config.replyTimeoutMinutes, "exact")}`);
  run.vars.reply = reply;
  const index = parseSlotChoice(reply.body, d.slots, run.facts.schedule.timezone, run.now);
  if (index === null) {
    if (d.asked >= 2) return go("notBooked", `could not tell which time "${reply.body}" means`);
    const numbers = d.slots.length === 1 ? "1" : `a number from 1 to ${d.slots.length}`;
    const body = `Sorry, I didn't catch that. Reply with ${numbers} to pick a time.`;
    return ask(smsTo(run, body, true, "reask"), "reasked", { ...d, asked: d.asked + 1 } satisfies Data);
  }
  const chosen = d.slots[index];
  return ask({ kind: "bookSlot", contact: run.facts.contact.e164, slot: chosen }, "booked", { ...d, chosen } satisfies Data);
}

function confirm(run: NodeRun<Kind>): NodeOutcome<Kind> {
  const { chosen } = data(run);
  const time = formatDayTime(chosen!.startsAt, run.facts.schedule.timezone);
  if (!resultOf(run, "bookSlot").booked) return go("notBooked", `${time} was taken before it could be booked`);
  run.vars.booking = { startsAt: chosen!.startsAt, endsAt: chosen!.endsAt, time };
  return ask(smsTo(run, render(run, run.node.config.confirmTemplate), true, "confirm"), "confirmed");
}
