import { describe, expect, it } from "vitest";
import { scheduleFor } from "../schedule/test-schedules";
import { graphOf } from "./engine/test-support";
import { simulate, type SimulationContext } from "./simulate";

/** The simulator never posts: it shows what a webhook step would send and takes the way the scenario picks. */

const context: SimulationContext = { schedule: scheduleFor("America/New_York"), businessName: "Acme Plumbing" };
const flow = graphOf(
  [
    ["trigger", "trigger.missedCall"],
    ["hook", "action.webhook", { url: "https://hooks.example.com/crm", body: '{"phone":"{{contact.phone}}","biz":"{{business.name}}"}', saveAs: "crm", fields: ["id"] }, "Tell the CRM"],
    ["text", "action.sendSms", { template: "Ticket {{webhook.crm.id|none}}", immediate: true }],
    ["staff", "action.notifyStaff", { template: "CRM refused {{contact.phone}}" }],
    ["done", "end"],
  ],
  [
    ["trigger", "next", "hook"],
    ["hook", "ok", "text"],
    ["hook", "failed", "staff"],
    ["text", "sent", "done"],
    ["text", "failed", "done"],
    ["staff", "next", "done"],
  ],
);

describe("simulating Send to a webhook", () => {
  it("shows the body it would post and fills the kept fields with examples", () => {
    const result = simulate(flow, { callAt: "2026-01-12T10:00" }, context);
    expect(result.steps.find((s) => s.type === "webhook")).toMatchObject({
      type: "webhook",
      nodeId: "hook",
      url: "https://hooks.example.com/crm",
      body: '{"phone":"(312) 555-0134","biz":"Acme Plumbing"}',
      status: "ok",
      fields: { id: "example id" },
    });
    expect(result.path.map((p) => `${p.nodeId}:${p.handle}`)).toEqual(["trigger:next", "hook:ok", "text:sent", "done:null"]);
    expect(result.steps.find((s) => s.type === "text")).toMatchObject({ body: "Ticket example id" });
    expect(result.steps.find((s) => s.type === "node" && s.nodeId === "hook")).toMatchObject({ note: "answered 200; kept id; simulated: nothing was posted" });
  });

  it("takes 'failed' when the scenario says the receiver refuses", () => {
    const result = simulate(flow, { callAt: "2026-01-12T10:00", failWebhooks: ["hook"] }, context);
    expect(result.path.map((p) => `${p.nodeId}:${p.handle}`)).toEqual(["trigger:next", "hook:failed", "staff:next", "done:null"]);
    expect(result.steps.find((s) => s.type === "node" && s.nodeId === "hook")).toMatchObject({
      handleLabel: "Failed",
      note: "The webhook answered 400 Bad Request (simulated): the receiver did not accept the body",
    });
  });
});
