import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTenants } from "../../testing/tenants";
import type { Effect, TraceEvent } from "../engine";
import { recordRunProgress, recordStep, recordStepStarted } from "./run-recorder";

let t: Awaited<ReturnType<typeof createTenants>>;
let clientId: string;
let flowId: string;
let flowVersionId: string;
beforeAll(async () => {
  t = await createTenants();
  clientId = t.clients.greenfield.id;
  flowId = (await t.callers.owner.flows.create({ clientId, name: "Recorder", starter: "text-back" })).id;
  await t.callers.owner.flows.publish({ clientId, flowId, note: null });
  flowVersionId = (await db.flow.findUniqueOrThrow({ where: { id: flowId } })).activeVersionId!;
});

let seq = 0;
const newRun = () => db.flowRun.create({ data: { clientId, flowId, flowVersionId, triggerEventId: `CA-recorder-${++seq}`, callerNumber: "+13125550140" } });
const at = "2026-11-23T15:00:00.000Z";
const trace = (...nodeIds: string[]): TraceEvent[] => nodeIds.map((nodeId) => ({ nodeId, kind: "action.sendSms", name: nodeId, handle: "next", visit: 1, at }));
const wait: Effect = { kind: "waitForReply", stepId: "waitForReply:ask", nodeId: "ask", from: "+13125550140", since: at, timeoutSeconds: 60, deadline: at };
const text: Effect = { kind: "sendSms", stepId: "sendSms:thanks", nodeId: "thanks", to: "+13125550140", body: "Thanks", immediate: true, purpose: "text", segments: 1 };

describe("run history: one statement per write", () => {
  it("a step's start writes its row, the wait that ended before it, and the run's status, node and path", async () => {
    const run = await newRun();
    await recordStepStarted({ runId: run.id, effect: wait, attempt: 1, waiting: true, trace: trace("trigger") });
    let saved = await db.flowRun.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true } });
    expect(saved).toMatchObject({ status: "waiting", currentNodeId: "ask", endedAt: null });
    expect(saved.steps).toMatchObject([{ stepId: "waitForReply:ask", nodeId: "ask", kind: "waitForReply", status: "waiting", attempt: 1, endedAt: null }]);
    expect(saved.steps[0].input).toMatchObject({ kind: "waitForReply", deadline: at });

    const reply = { reply: { body: "yes", at }, at };
    await recordStepStarted({ runId: run.id, effect: text, attempt: 1, trace: trace("trigger", "ask"), finished: [{ stepId: wait.stepId, output: reply, attempt: 1 }] });
    saved = await db.flowRun.findUniqueOrThrow({ where: { id: run.id }, include: { steps: { orderBy: { startedAt: "asc" } } } });
    expect(saved).toMatchObject({ status: "running", currentNodeId: "thanks" });
    expect((saved.trace as unknown as TraceEvent[]).map((e) => e.nodeId)).toEqual(["trigger", "ask"]);
    const [waited, texting] = saved.steps;
    expect(waited).toMatchObject({ stepId: "waitForReply:ask", status: "completed", output: reply, error: null });
    expect(waited.endedAt).toBeInstanceOf(Date);
    expect(texting).toMatchObject({ stepId: "sendSms:thanks", status: "running", endedAt: null });
  });

  it("a step is written once it is over; a retry updates its one row: attempt moves on, the last error is cleared, the first start stays", async () => {
    const run = await newRun();
    const firstStart = new Date("2026-11-23T15:00:01.000Z");
    await recordStep({ runId: run.id, effect: text, startedAt: firstStart, error: "Twilio answered 500", attempt: 1, trace: trace("trigger") });
    expect(await db.runStep.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: "failed", error: "Twilio answered 500", attempt: 1, startedAt: firstStart });
    expect(await db.flowRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "running", currentNodeId: "thanks" });

    await recordStep({ runId: run.id, effect: text, startedAt: new Date(), output: { status: "sent", at }, attempt: 2, trace: trace("trigger") });
    const steps = await db.runStep.findMany({ where: { runId: run.id } });
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: "completed", output: { status: "sent", at }, error: null, attempt: 2, startedAt: firstStart });
    expect(steps[0].endedAt!.getTime()).toBeGreaterThan(firstStart.getTime());
  });

  it("a step written when it is over records the wait that ended before it in the same statement", async () => {
    const run = await newRun();
    await recordStepStarted({ runId: run.id, effect: wait, attempt: 1, waiting: true, trace: trace("trigger") });
    const reply = { reply: { body: "yes", at }, at };
    await recordStep({ runId: run.id, effect: text, startedAt: new Date(), output: { status: "sent", at }, attempt: 1, trace: trace("trigger", "ask"), finished: [{ stepId: wait.stepId, output: reply, attempt: 1 }] });
    const saved = await db.flowRun.findUniqueOrThrow({ where: { id: run.id }, include: { steps: { orderBy: { startedAt: "asc" } } } });
    expect(saved).toMatchObject({ status: "running", currentNodeId: "thanks" });
    expect(saved.steps.map((s) => [s.stepId, s.status])).toEqual([["waitForReply:ask", "completed"], ["sendSms:thanks", "completed"]]);
    expect(saved.steps[0].output).toEqual(reply);
  });

  it("the run's end records the waits before it, its outcome and end time; a later failure keeps the outcome", async () => {
    const run = await newRun();
    await recordStepStarted({ runId: run.id, effect: wait, attempt: 1, waiting: true, trace: trace("trigger") });
    await recordRunProgress({ runId: run.id, status: "completed", trace: trace("trigger", "ask"), outcome: "Done", finished: [{ stepId: wait.stepId, output: { reply: null, at }, attempt: 1 }] });
    const ended = await db.flowRun.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true } });
    expect(ended).toMatchObject({ status: "completed", currentNodeId: null, outcome: "Done", error: null });
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect(ended.steps).toMatchObject([{ stepId: wait.stepId, status: "completed", output: { reply: null, at } }]);

    await recordRunProgress({ runId: run.id, status: "failed", trace: trace("trigger", "ask"), error: "The run stopped: boom" });
    expect(await db.flowRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", outcome: "Done", error: "The run stopped: boom" });
  });

  it("a failure reported from outside the run keeps the path it took and the step it stopped at", async () => {
    const run = await newRun();
    await recordStepStarted({ runId: run.id, effect: text, attempt: 1, trace: trace("trigger", "ask") });
    await recordRunProgress({ runId: run.id, status: "failed", error: "The run stopped: Twilio is down" });
    const failed = await db.flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed).toMatchObject({ status: "failed", currentNodeId: "thanks", error: "The run stopped: Twilio is down" });
    expect((failed.trace as unknown as TraceEvent[]).map((e) => e.nodeId)).toEqual(["trigger", "ask"]);
    expect(failed.endedAt).toBeInstanceOf(Date);
  });

  it("running again after a wait clears the end time", async () => {
    const run = await newRun();
    await recordRunProgress({ runId: run.id, status: "failed", trace: [] });
    await recordStepStarted({ runId: run.id, effect: text, attempt: 1, trace: [] });
    expect(await db.flowRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "running", endedAt: null });
  });
});
