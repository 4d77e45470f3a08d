import { describe, expect, it } from "vitest";
import type { Responder } from "./test-support";
import { booking, drive, facts, graphOf } from "./test-support";

/** The booking node's conversation, step by step. The call is Monday 10:00 in Chicago. */

const bookGraph = (config: Record<string, unknown> = {}) =>
  graphOf(
    [
      ["trigger", "trigger.missedCall"],
      ["book", "action.book", { template: "We can come at:\n{{booking.slots}}\nReply with a number.", ...config }, "Offer a visit"],
      ["after", "action.sendSms", { template: "Reminder: {{booking.time|(no time)}}", immediate: true }],
      ["booked", "end"],
      ["notBooked", "end"],
    ],
    [
      ["trigger", "next", "book"],
      ["book", "booked", "after"],
      ["after", "sent", "booked"],
      ["after", "failed", "booked"],
      ["book", "notBooked", "notBooked"],
    ],
  );

/** Replies in order, one per wait, each five minutes after the wait starts. */
const replies = (...bodies: string[]): Responder => {
  let i = 0;
  return (e) => {
    if (e.kind !== "waitForReply") return undefined;
    const body = bodies[i++];
    const at = new Date(Date.parse(e.since) + 5 * 60_000).toISOString();
    return body === undefined ? { reply: null, at: e.deadline } : { reply: { body, at }, at };
  };
};

const noteOf = (run: ReturnType<typeof drive>) => run.trace.find((t) => t.nodeId === "book")?.note;

describe("booking by offering times", () => {
  it("offers the next free times, books the one picked and confirms it", () => {
    const run = drive(bookGraph(), facts(), replies("2"));
    expect(run.effects.map((e) => e.stepId)).toEqual(["findSlots:book", "sendSms:book", "waitForReply:book", "bookSlot:book", "sendSms:book#2", "sendSms:after"]);
    expect(run.effects[0]).toMatchObject({ from: "2026-01-12T16:00:00.000Z", count: 3 });
    expect(run.effects[1]).toMatchObject({
      purpose: "offer",
      immediate: false,
      body: "We can come at:\n1) Mon Jan 12, 10:30 AM\n2) Mon Jan 12, 11:15 AM\n3) Mon Jan 12, 1:00 PM\nReply with a number.",
    });
    expect(run.effects[2]).toMatchObject({ timeoutSeconds: 24 * 3600 });
    expect(run.effects[3]).toMatchObject({ slot: { startsAt: "2026-01-12T17:15:00.000Z", endsAt: "2026-01-12T17:45:00.000Z" } });
    expect(run.effects[4]).toMatchObject({ purpose: "confirm", immediate: true, body: "You're booked for Mon Jan 12, 11:15 AM. See you then! - Acme Plumbing" });
    expect(run.effects[5]).toMatchObject({ body: "Reminder: Mon Jan 12, 11:15 AM" });
    expect(run.last.state.vars.reply?.body).toBe("2");
    expect(run.last.state.endNodeId).toBe("booked");
  });

  it("asks once more when the answer is unclear, then books", () => {
    const run = drive(bookGraph(), facts(), replies("hmm what?", "the second one"));
    expect(run.effects.map((e) => e.stepId)).toEqual([
      "findSlots:book",
      "sendSms:book",
      "waitForReply:book",
      "sendSms:book#2",
      "waitForReply:book#2",
      "bookSlot:book",
      "sendSms:book#3",
      "sendSms:after",
    ]);
    expect(run.effects[3]).toMatchObject({ purpose: "reask", immediate: true, body: "Sorry, I didn't catch that. Reply with a number from 1 to 3 to pick a time." });
    expect(run.last.state.endNodeId).toBe("booked");
  });

  it.each([
    ["an answer it cannot read twice", replies("hmm", "whenever"), 'could not tell which time "whenever" means'],
    ["no answer", replies(), "no answer within 1 day"],
    ["no answer to the re-ask", replies("hmm"), "no answer within 1 day"],
    ["the time taken meanwhile", ((e, now) => (e.kind === "bookSlot" ? { booked: false, at: now } : replies("1")(e, now))) as Responder, "Mon Jan 12, 10:30 AM was taken before it could be booked"],
    ["no free times", ((e, now) => (e.kind === "findSlots" ? { slots: [], at: now } : undefined)) as Responder, "no free times in the next 7 days"],
    ["a failed offer text", ((e, now) => (e.kind === "sendSms" ? { status: "failed", at: now } : undefined)) as Responder, "the booking text could not be sent"],
  ])("does not book after %s, and says why", (_name, respond, note) => {
    const run = drive(bookGraph(), facts(), respond);
    expect(run.last.state.endNodeId).toBe("notBooked");
    expect(noteOf(run)).toBe(note);
    expect(run.effects.filter((e) => e.kind === "sendSms" && e.purpose === "confirm")).toEqual([]);
  });

  it("does not book when booking is not set up for the business", () => {
    const run = drive(bookGraph(), facts({ booking: null }));
    expect(run.effects).toEqual([]);
    expect(noteOf(run)).toBe("booking is not set up for this business");
  });

  it("waits out quiet hours before looking for times and offering them", () => {
    const run = drive(bookGraph(), facts({ call: { ...facts().call, at: "2026-01-13T04:00:00.000Z" } }), replies("1")); // Mon 22:00
    expect(run.effects[0]).toMatchObject({ kind: "sleep", until: "2026-01-13T14:00:00.000Z", reason: "quietHours" });
    expect(run.effects[1]).toMatchObject({ kind: "findSlots", from: "2026-01-13T14:00:00.000Z" });
  });
});

describe("booking by link", () => {
  it("texts the booking link and goes on as booked", () => {
    const run = drive(bookGraph({ mode: "link", template: "Pick a time here: {{booking.link}}" }));
    expect(run.effects[0]).toMatchObject({ kind: "sendSms", purpose: "link", body: "Pick a time here: https://book.example.com/acme" });
    expect(noteOf(run)).toBe("booking link sent");
    expect(run.last.state.endNodeId).toBe("booked");
  });

  it("does not book when no link is set", () => {
    const run = drive(bookGraph({ mode: "link", template: "{{booking.link}}" }), facts({ booking: { ...booking, bookingUrl: null } }));
    expect(run.effects).toEqual([]);
    expect(noteOf(run)).toBe("no booking link is set in the booking settings");
    expect(run.last.state.endNodeId).toBe("notBooked");
  });
});
