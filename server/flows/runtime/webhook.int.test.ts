import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { verifySignature } from "../../integrations/webhook/signature";
import { eventually, startAppHarness, type AppHarness } from "../../testing/app-harness";
import type { createTenants } from "../../testing/tenants";
import type { FlowGraph } from "../model/graph";

// "Send to a webhook" end to end: a missed call on the fake Twilio, the app's real webhooks and
// run-flow on the local engine, a real HTTP receiver on 127.0.0.1, and the text that uses its answer.

let h: AppHarness;
let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let business: string;

type Received = { headers: http.IncomingHttpHeaders; body: string };
let received: Received[] = [];
let answer: (res: http.ServerResponse, n: number) => void;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      answer(res, received.length);
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`;
  h = await startAppHarness();
  const tenants = await import("../../testing/tenants");
  t = await tenants.createTenants();
  clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  await db.staffContact.create({ data: { clientId, name: "Gus", mobile: "+13125550142", notifySms: false } });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await new Promise<void>((done) => receiver.close(() => done()));
});
beforeEach(() => {
  received = [];
});

type FakeMessage = { to: string; body: string };
const textsTo = async (to: string) => (await h.fake<{ messages: FakeMessage[] }>(`/_fake/messages?to=${encodeURIComponent(to)}`)).messages;
const call = (from: string) => h.fake("/_fake/calls", { from, to: business, outcome: "no-answer" });
const finishedRun = (caller: string) =>
  eventually(`a finished run for ${caller}`, async () => {
    const run = await db.flowRun.findFirst({ where: { callerNumber: caller }, include: { steps: true } });
    return run && (run.status === "completed" || run.status === "failed") ? run : undefined;
  });

const at = (col: number) => ({ x: col * 300, y: 0 });
function webhookFlow(): FlowGraph {
  return {
    nodes: [
      { id: "trigger", kind: "trigger.missedCall", position: at(0), config: { numbers: [], reasons: ["no-answer"] } },
      { id: "hook", kind: "action.webhook", position: at(1), label: "Tell the CRM", config: { url: receiverUrl, body: '{"phone":"{{contact.phone}}","business":"{{business.name}}"}', saveAs: "crm", fields: ["ticket.id"] } },
      { id: "thanks", kind: "action.sendSms", position: at(2), config: { template: "Sorry we missed you! Ticket {{webhook.crm.ticket.id|pending}}.", immediate: true } },
      { id: "staff", kind: "action.notifyStaff", position: at(2), config: { template: "The CRM did not take {{contact.phone}}", channels: ["inApp"] } },
      { id: "done", kind: "end", position: at(3), config: {} },
    ],
    edges: [
      { id: "e1", source: "trigger", sourceHandle: "next", target: "hook" },
      { id: "e2", source: "hook", sourceHandle: "ok", target: "thanks" },
      { id: "e3", source: "hook", sourceHandle: "failed", target: "staff" },
      { id: "e4", source: "thanks", sourceHandle: "sent", target: "done" },
      { id: "e5", source: "thanks", sourceHandle: "failed", target: "done" },
      { id: "e6", source: "staff", sourceHandle: "next", target: "done" },
    ],
  };
}

async function publish(graph: FlowGraph) {
  await db.flow.updateMany({ where: { clientId }, data: { archivedAt: new Date(), activeVersionId: null } });
  const { id } = await t.callers.owner.flows.create({ clientId, name: "CRM", starter: "text-back" });
  const draft = await t.callers.owner.flows.get({ clientId, flowId: id });
  await t.callers.owner.flows.saveDraft({ clientId, flowId: id, graph, baseRevision: draft.revision });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}

describe("a flow that sends to a webhook", () => {
  beforeAll(() => publish(webhookFlow()));

  it("a 503 is retried by the step; the signed post arrives twice with one idempotency key, and its answer fills the text", async () => {
    answer = (res, n) => (n === 1 ? res.writeHead(503).end() : res.writeHead(200, { "content-type": "application/json" }).end('{"ticket":{"id":"T-9"}}'));
    const caller = "+13125550301";
    await call(caller);
    const run = await finishedRun(caller);
    expect(run.status).toBe("completed");
    expect((run.trace as { nodeId: string; handle: string | null; note?: string }[]).map((s) => `${s.nodeId}:${s.handle}`)).toEqual(["trigger:next", "hook:ok", "thanks:sent", "done:null"]);

    expect(received).toHaveLength(2);
    const secret = (await db.client.findUniqueOrThrow({ where: { id: clientId } })).webhookSigningSecret!;
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    for (const r of received) {
      expect(JSON.parse(r.body)).toEqual({ phone: "(312) 555-0301", business: "Greenfield Plumbing" });
      expect(r.headers["idempotency-key"]).toBe(`${run.id}:postWebhook:hook`);
      expect(verifySignature({ secret, body: r.body, header: r.headers["x-ringback-signature"] as string, nowSeconds: Date.now() / 1000 })).toEqual({ ok: true });
    }
    const step = run.steps.find((s) => s.stepId === "postWebhook:hook")!;
    expect(step).toMatchObject({ kind: "postWebhook", status: "completed", attempt: 2 });
    expect(step.output).toMatchObject({ status: "ok", httpStatus: 200, fields: { "ticket.id": "T-9" } });
    const texts = await textsTo(caller);
    expect(texts.map((m) => m.body)).toEqual(["Greenfield Plumbing: Sorry we missed you! Ticket T-9. Reply STOP to opt out."]);
  });

  it("a 404 is final: no retry, the flow goes on by 'failed' and the run says why in words", async () => {
    answer = (res) => res.writeHead(404).end();
    const caller = "+13125550302";
    await call(caller);
    const run = await finishedRun(caller);
    expect(received).toHaveLength(1);
    const hook = (run.trace as { nodeId: string; handle: string | null; note?: string }[]).find((s) => s.nodeId === "hook")!;
    expect(hook).toMatchObject({ handle: "failed", note: "The webhook answered 404 Not Found: check the URL" });
    expect(run.steps.find((s) => s.stepId === "postWebhook:hook")).toMatchObject({ status: "completed", attempt: 1 });
    expect(await textsTo(caller)).toEqual([]);
    await eventually("staff told in the app", async () => (await db.notification.findFirst({ where: { clientId, body: { contains: "(312) 555-0302" } } })) ?? undefined);
  });
});
