import { describe, expect, it } from "vitest";
import { scheduleFor } from "../../schedule/test-schedules";
import { validate } from "../engine/validate";
import { simulate, type SimulationContext, type SimulationResult } from "../simulate";
import { starterFlow, starterFlows, type StarterId } from "./starters";

/** Each starter flow is valid and does the right thing on every branch. */

const context: SimulationContext = {
  schedule: scheduleFor("America/Chicago"),
  businessName: "Acme Plumbing",
  booking: { slotMinutes: 60, bufferMinutes: 0, daysAhead: 7, slotsOffered: 3, bookingUrl: null },
  runLink: "https://app.example.com/runs/sim",
};
const mondayMorning = "2026-01-12T10:00";
const saturdayNight = "2026-01-17T21:47";

const path = (r: SimulationResult) => r.path.map((p) => `${p.nodeId}:${p.handle ?? "-"}`).join(" ");
const texts = (r: SimulationResult) => r.steps.flatMap((s) => (s.type === "text" ? [s.body] : []));
const run = (id: StarterId, scenario: Parameters<typeof simulate>[1]) => simulate(starterFlow(id).graph, scenario, context);

describe("starter flows", () => {
  it("are three, with stable ids, and pass validation without warnings", () => {
    expect(starterFlows().map((s) => s.id)).toEqual(["text-back", "business-hours", "full-follow-up", "texted-first"]);
    for (const s of starterFlows()) expect(validate(s.graph)).toEqual([]);
  });

  it("have readable labels and distinct positions on every node", () => {
    for (const s of starterFlows()) {
      expect(s.graph.nodes.every((n) => (n.label ?? "").length > 0)).toBe(true);
      const spots = new Set(s.graph.nodes.map((n) => `${n.position.x},${n.position.y}`));
      expect(spots.size).toBe(s.graph.nodes.length);
    }
  });

  it("each claim a cooldown before anything else, so a caller who redials within the window is not texted again", () => {
    const windows: Record<StarterId, number> = { "text-back": 30, "business-hours": 12 * 60, "full-follow-up": 60, "texted-first": 12 * 60 };
    for (const s of starterFlows()) {
      const first = s.graph.edges.find((e) => e.source === "trigger")!;
      expect(s.graph.nodes.find((n) => n.id === first.target)).toMatchObject({ kind: "condition.cooldown", config: { windowMinutes: windows[s.id] } });
      for (const callAt of [mondayMorning, saturdayNight]) {
        const redial = run(s.id, { callAt, cooldownActive: true });
        expect(path(redial)).toMatch(/^trigger:next cooldown:cooling /);
        expect(texts(redial)).toEqual([]);
      }
    }
  });
});

describe("Text back every missed call", () => {
  it("texts the caller at once", () => {
    const r = run("text-back", { callAt: saturdayNight });
    expect(path(r)).toBe("trigger:next cooldown:pass text-back:sent done:-");
    expect(texts(r)).toEqual(["Hi there, sorry we missed your call! How can we help? Reply here and we'll get right back to you. - Acme Plumbing"]);
    expect(r.outcome).toMatchObject({ status: "completed", endNodeId: "done", minutes: 0 });
  });

  it("tells the staff when the text fails", () => {
    const r = run("text-back", { callAt: mondayMorning, failTexts: ["text-back"] });
    expect(path(r)).toBe("trigger:next cooldown:pass text-back:failed tell-staff:next done:-");
    expect(r.steps.find((s) => s.type === "staff")).toMatchObject({
      body: "Could not text back (312) 555-0134 after a missed call at 10:00 AM. Please call them. https://app.example.com/runs/sim",
    });
  });
});

describe("Business hours aware", () => {
  it("a redial within 12 hours texts nobody and tells staff in the app only", () => {
    const r = run("business-hours", { callAt: saturdayNight, cooldownActive: true });
    expect(path(r)).toBe("trigger:next cooldown:cooling called-again:next done:-");
    expect(r.steps.find((s) => s.type === "staff")).toMatchObject({ channels: ["inApp"], body: "A caller ((312) 555-0134) called again at 9:47 PM; they were already texted. https://app.example.com/runs/sim" });
  });

  it("open: promises a call back and alerts the staff", () => {
    const r = run("business-hours", { callAt: mondayMorning, caller: { phone: "+13125550134", firstName: "Maria", name: "Maria Lopez" } });
    expect(path(r)).toBe("trigger:next cooldown:pass open-now:open call-back-text:sent call-them-back:next done:-");
    expect(texts(r)).toEqual(["Hi Maria, sorry we missed you! We'll call you right back. - Acme Plumbing"]);
    expect(r.steps.find((s) => s.type === "staff")).toMatchObject({ channels: ["sms", "inApp"] });
  });

  it("open: still alerts the staff when the text fails", () => {
    const r = run("business-hours", { callAt: mondayMorning, failTexts: ["call-back-text"] });
    expect(path(r)).toBe("trigger:next cooldown:pass open-now:open call-back-text:failed call-them-back:next done:-");
  });

  it("closed: says so, waits until opening time, then follows up", () => {
    const r = run("business-hours", { callAt: saturdayNight });
    expect(path(r)).toBe("trigger:next cooldown:pass open-now:closed after-hours-text:sent wait-until-open:next opening-follow-up:sent done:-");
    expect(r.steps.find((s) => s.type === "wait")).toMatchObject({ reason: "untilOpen", until: "2026-01-19T15:00:00.000Z", minutes: 1 * 24 * 60 + 11 * 60 + 13 });
    expect(texts(r)[1]).toBe("Good morning from Acme Plumbing! We're open now. Reply here or call (312) 555-0100 and we'll help right away.");
    expect(r.outcome.at).toBe("2026-01-19T15:00:00.000Z");
  });

  it("closed: stops when the after-hours text fails", () => {
    expect(path(run("business-hours", { callAt: saturdayNight, failTexts: ["after-hours-text"] }))).toBe("trigger:next cooldown:pass open-now:closed after-hours-text:failed done:-");
  });

  it("closed: ends when the follow-up fails", () => {
    expect(path(run("business-hours", { callAt: saturdayNight, failTexts: ["opening-follow-up"] }))).toBe(
      "trigger:next cooldown:pass open-now:closed after-hours-text:sent wait-until-open:next opening-follow-up:failed done:-",
    );
  });
});

describe("Full follow-up", () => {
  const known = { knownContact: true, caller: { phone: "+13125550134", firstName: "Maria", name: "Maria Lopez" } };

  it("cooling: a caller handled within the hour gets nothing more", () => {
    const r = run("full-follow-up", { callAt: mondayMorning, cooldownActive: true });
    expect(path(r)).toBe("trigger:next cooldown:cooling end-cooling:-");
    expect(texts(r)).toEqual([]);
  });

  it("new caller who never replies: one text, a day's wait, a lead", () => {
    const r = run("full-follow-up", { callAt: mondayMorning });
    expect(path(r)).toBe("trigger:next cooldown:pass known-caller:no text-new:sent wait-reply:timeout create-lead:next done:-");
    expect(texts(r)).toEqual(["Thanks for calling Acme Plumbing! Sorry we missed you. What can we help you with? Reply EMERGENCY if it's urgent."]);
    expect(r.steps.find((s) => s.type === "wait")).toMatchObject({ reason: "reply", minutes: 1440, reply: null });
  });

  it("known caller who replies EMERGENCY: staff alerted at once, caller reassured, lead created", () => {
    const r = run("full-follow-up", { ...known, callAt: saturdayNight, replies: [{ afterMinutes: 4, body: "EMERGENCY basement flooding" }] });
    expect(path(r)).toBe(
      "trigger:next cooldown:pass known-caller:yes text-known:sent wait-reply:replied emergency:match alert-staff:next emergency-text:sent create-lead:next done:-",
    );
    expect(r.steps.find((s) => s.type === "staff")).toMatchObject({
      at: "2026-01-18T03:51:00.000Z",
      body: "EMERGENCY from Maria Lopez ((312) 555-0134): EMERGENCY basement flooding https://app.example.com/runs/sim",
    });
    expect(texts(r)).toEqual([
      "Hi Maria, sorry we missed your call! What can we help you with this time? - Acme Plumbing",
      "We're on it - someone from Acme Plumbing will call you within minutes.",
    ]);
  });

  it("emergency reassurance that fails still creates the lead", () => {
    const r = run("full-follow-up", { callAt: mondayMorning, replies: [{ afterMinutes: 1, body: "urgent!" }], failTexts: ["emergency-text"] });
    expect(path(r)).toContain("emergency-text:failed create-lead:next done:-");
  });

  it("a reply that is not an emergency gets times to book; picking one books it", () => {
    const r = run("full-follow-up", { callAt: mondayMorning, replies: [{ afterMinutes: 10, body: "Can someone look at my water heater?" }], booking: { pick: 2 } });
    expect(path(r)).toBe("trigger:next cooldown:pass known-caller:no text-new:sent wait-reply:replied emergency:noMatch offer-booking:booked create-lead:next done:-");
    expect(texts(r).slice(1)).toEqual([
      "We can come out at one of these times. Reply 1, 2 or 3:\n1) Mon Jan 12, 11:00 AM\n2) Mon Jan 12, 1:00 PM\n3) Mon Jan 12, 2:00 PM",
      "You're booked for Mon Jan 12, 1:00 PM. See you then! - Acme Plumbing",
    ]);
  });

  it("an offer that is ignored is not booked, and the lead is still created", () => {
    const r = run("full-follow-up", { callAt: mondayMorning, replies: [{ afterMinutes: 10, body: "How much for a quote?" }], booking: { pick: null } });
    expect(path(r)).toBe("trigger:next cooldown:pass known-caller:no text-new:sent wait-reply:replied emergency:noMatch offer-booking:notBooked create-lead:next done:-");
    expect(r.path.find((p) => p.nodeId === "offer-booking")).toBeDefined();
  });

  it("a first text that fails alerts the staff and creates the lead", () => {
    const r = run("full-follow-up", { ...known, callAt: mondayMorning, failTexts: ["text-known"] });
    expect(path(r)).toBe("trigger:next cooldown:pass known-caller:yes text-known:failed text-failed:next create-lead:next done:-");
  });
});

describe("Texted us first", () => {
  it("greets someone who texts first, takes their reply and makes a lead", () => {
    const r = run("texted-first", { callAt: mondayMorning, firstText: "Hi, can you quote a new water heater?", replies: [{ afterMinutes: 5, body: "After 3pm please", relativeTo: "wait" }] });
    expect(path(r)).toBe("trigger:next cooldown:pass emergency:noMatch greet:sent wait-reply:replied create-lead:next tell-staff:next done:-");
    expect(texts(r)).toEqual(["Hi there, thanks for texting Acme Plumbing! What can we help you with, and when is a good time to call?"]);
    const staff = r.steps.find((s) => s.type === "staff");
    expect(staff).toMatchObject({ body: expect.stringContaining("wrote “Hi, can you quote a new water heater?”. Latest: After 3pm please") });
  });

  it("sends an emergency in their first text straight to staff", () => {
    const r = run("texted-first", { callAt: saturdayNight, firstText: "URGENT my basement is flooding" });
    expect(path(r)).toBe("trigger:next cooldown:pass emergency:match alert-staff:next emergency-text:sent create-lead:next tell-staff:next done:-");
    expect(texts(r)).toEqual(["We're on it - someone from Acme Plumbing will call you within minutes."]);
  });
});
