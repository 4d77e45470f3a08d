import { describe, expect, it } from "vitest";
import { keywordOf } from "./opt-out";
import { readInbound, REVOCATION_PHRASES } from "./revocation";

describe("texts that revoke consent in words other than a carrier keyword", () => {
  const revocations = [
    "stop texting me please",
    "Please remove me",
    "don't text me",
    "Don’t text me again!",
    "unsubscribe me",
    "Stop please",
    "STOP!!! now",
    "please stop",
    "Do not contact me",
    "Take me off your list",
    "remove my number from your list please",
    "No more texts",
    "I want to opt out",
    "opt me out",
    "Stop messaging me",
    "Stop texting me, I found someone else.",
    "Thanks, but please remove me",
    "leave me alone",
    "Stop, who is this",
  ];
  it.each(revocations)("%s", (body) => {
    expect(keywordOf(body)).toBeNull();
    expect(readInbound(body)).toEqual({ kind: "revocation", phrase: body.trim() });
  });

  it("each listed phrasing's own example is a revocation", () => {
    for (const p of REVOCATION_PHRASES) expect(readInbound(p.example)?.kind).toBe("revocation");
  });
});

describe("texts flagged for staff: maybe a revocation, maybe not", () => {
  it.each([
    ["I said stop calling my husband about the quote", "may be asking to stop texts"],
    ["stop sending the invoice to my old address", "may be asking to stop texts"],
    ["how do I unsubscribe from the newsletter thing", "may be asking to stop texts"],
    ["don't text me after 9pm, call instead", "may be asking to stop texts"],
    ["Wrong number", "says it is the wrong number"],
    ["Sorry, you have the wrong number, I never called", "says it is the wrong number"],
  ])("%s", (body, reason) => {
    expect(readInbound(body)).toEqual({ kind: "flagged", reason });
  });
});

describe("ordinary answers stay answers", () => {
  it.each([
    "Can your tech stop by at 3?",
    "The leak won't stop",
    "I need the dripping to stop",
    "EMERGENCY water everywhere",
    "2",
    "Yes please, tomorrow morning",
    "Tuesday at 10am works",
    "who is this?",
    "Stopped leaking for now but please come look",
  ])("%s", (body) => {
    expect(readInbound(body)).toBeNull();
  });
});
