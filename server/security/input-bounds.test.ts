import { describe, expect, it } from "vitest";
import { RenameFlowInput } from "../api/routers/flows/schemas";
import { CreateClientInput, PhoneNumberFields, StaffContactFields } from "../clients/client-schemas";
import { SimulationScenario } from "../flows/simulate";
import { AcceptInvitationInput } from "../people/people-schemas";

// Simulator scenarios and display names are bounded, with a message that says what to do.
const messages = (schema: { safeParse: (input: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error!.issues.map((i) => i.message);
};
const callAt = "2026-03-14T21:47";

describe("simulator scenarios", () => {
  it("take at most 20 replies of at most 1,600 characters", () => {
    const reply = { afterMinutes: 5, body: "yes" };
    expect(messages(SimulationScenario, { callAt, replies: Array.from({ length: 20 }, () => reply) })).toEqual([]);
    expect(messages(SimulationScenario, { callAt, replies: Array.from({ length: 21 }, () => reply) })).toEqual(["A scenario has at most 20 replies"]);
    expect(messages(SimulationScenario, { callAt, replies: [{ afterMinutes: 5, body: "x".repeat(1601) }] })).toEqual(["A reply is at most 1,600 characters"]);
  });

  it("bound the steps whose texts or webhooks fail: no more than a flow has, ids as long as a step id", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    expect(messages(SimulationScenario, { callAt, failTexts: ids(2000), failWebhooks: ids(2000) })).toEqual([]);
    expect(messages(SimulationScenario, { callAt, failTexts: ids(2001) })).toEqual(["At most 2,000 steps can fail in a scenario"]);
    expect(messages(SimulationScenario, { callAt, failWebhooks: ids(2001) })).toEqual(["At most 2,000 steps can fail in a scenario"]);
    expect(messages(SimulationScenario, { callAt, failTexts: ["x".repeat(101)] })).toEqual(["A step id is too long: at most 100 characters"]);
  });
});

describe("display names", () => {
  it("a business, a staff contact, a person, a flow and a number label have a maximum length", () => {
    expect(messages(CreateClientInput, { name: "x".repeat(61), timezone: "America/Chicago", hoursPreset: "24-7", staff: null })).toEqual([
      "Keep it under 60 characters: it starts every first text",
    ]);
    expect(messages(StaffContactFields, { name: "x".repeat(81), mobile: null, email: null, notifySms: false, notifyEmail: false })).toHaveLength(1);
    expect(messages(AcceptInvitationInput, { token: "t".repeat(40), name: "x".repeat(81), password: "long enough" })).toHaveLength(1);
    expect(messages(RenameFlowInput, { flowId: "f1", name: "x".repeat(81) })).toEqual(["Keep the name under 80 characters"]);
    expect(messages(PhoneNumberFields, { e164: "+13125550100", label: "x".repeat(41), forwardTo: "+13125550101", ringTimeoutSeconds: 20, voicemailEnabled: true })).toHaveLength(1);
  });
});
