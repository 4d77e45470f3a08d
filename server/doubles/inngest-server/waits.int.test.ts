import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/** `waitForEvent` with CEL `if`, its timeout on the virtual clock, and `cancelOn`. */
describe("waits", () => {
  let h: Harness;
  const sent: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      functions: (inngest) => [
        inngest.createFunction(
          {
            id: "await-reply",
            triggers: [{ event: "test/call.missed" }],
            cancelOn: [{ event: "test/contact.opted-out", if: "async.data.from == event.data.from" }],
          },
          async ({ event, step }) => {
            await step.run("text-back", () => {
              sent.push(event.data.from as string);
              return "sent";
            });
            const reply = await step.waitForEvent("wait-reply", {
              event: "test/sms.received",
              timeout: "24h",
              if: "async.data.from == event.data.from && async.data.to == event.data.to",
            });
            return reply ? { replied: reply.data.body } : { replied: null };
          },
        ),
      ],
    });
  });
  afterAll(() => h?.close());

  it("resumes a waiting run with the event whose `if` holds, and not with others", async () => {
    const [eventId] = await h.send({ name: "test/call.missed", data: { from: "+15550001", to: "+15559999" } });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, (r) => r.state === "waiting");
    expect(run.steps.find((s) => s.name === "wait-reply")).toMatchObject({ op: "WaitForEvent", status: "waiting" });

    // Another caller, and the right caller to another business: neither matches.
    await h.send({ name: "test/sms.received", data: { from: "+15550002", to: "+15559999", body: "not me" } });
    await h.send({ name: "test/sms.received", data: { from: "+15550001", to: "+15558888", body: "wrong line" } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await h.run(run.id)).state).toBe("waiting");

    const [replyId] = await h.send({ name: "test/sms.received", data: { from: "+15550001", to: "+15559999", body: "YES" } });
    const done = await h.waitForRun(run.id, finished);
    expect(done).toMatchObject({ status: "completed", output: { replied: "YES" } });
    expect(done.steps.find((s) => s.name === "wait-reply")?.output).toMatchObject({ id: replyId, name: "test/sms.received" });
    expect(sent.filter((from) => from === "+15550001")).toHaveLength(1);
  });

  it("times out to null when the clock passes the timeout", async () => {
    const [eventId] = await h.send({ name: "test/call.missed", data: { from: "+15550003", to: "+15559999" } });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, (r) => r.state === "waiting");
    await h.advance(23 * 3_600_000);
    expect((await h.run(run.id)).state).toBe("waiting");
    await h.advance(3_600_000 + 1000);
    const done = await h.waitForRun(run.id, finished);
    expect(done).toMatchObject({ status: "completed", output: { replied: null } });
    expect(done.history.some((e) => e.message.includes("timed out; resumed with null"))).toBe(true);

    // A reply after the timeout resumes nothing.
    await h.send({ name: "test/sms.received", data: { from: "+15550003", to: "+15559999", body: "late" } });
    expect((await h.run(run.id)).output).toEqual({ replied: null });
  });

  it("cancels a waiting run on a cancelOn event whose `if` holds, and only that run", async () => {
    const [a] = await h.send({ name: "test/call.missed", data: { from: "+15550004", to: "+15559999" } });
    const [b] = await h.send({ name: "test/call.missed", data: { from: "+15550005", to: "+15559999" } });
    const runA = await h.waitForRun((await h.runForEvent(a)).id, (r) => r.state === "waiting");
    const runB = await h.waitForRun((await h.runForEvent(b)).id, (r) => r.state === "waiting");

    const [stopId] = await h.send({ name: "test/contact.opted-out", data: { from: "+15550004" } });
    const cancelled = await h.waitForRun(runA.id, finished);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.reason).toContain(stopId);
    expect((await h.run(runB.id)).state).toBe("waiting");

    // The reply that would have resumed it now does nothing to the cancelled run.
    await h.send({ name: "test/sms.received", data: { from: "+15550004", to: "+15559999", body: "hello?" } });
    await h.send({ name: "test/sms.received", data: { from: "+15550005", to: "+15559999", body: "hi" } });
    expect(await h.waitForRun(runB.id, finished)).toMatchObject({ status: "completed", output: { replied: "hi" } });
    expect((await h.run(runA.id)).status).toBe("cancelled");
  });
});
