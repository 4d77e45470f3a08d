import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/** Event intake (dedupe, trigger expressions) and the function options that decide who runs when. */
describe("events and function options", () => {
  let h: Harness;
  const bodies: Record<string, number> = {};
  const bump = (key: string) => (bodies[key] = (bodies[key] ?? 0) + 1);
  let active = 0;
  const peak: Record<string, number> = {};
  const failures: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      functions: (inngest) => {
        const child = inngest.createFunction({ id: "double", triggers: [{ event: "test/never" }] }, async ({ event }) => {
          return (event.data.n as number) * 2;
        });
        return [
          child,
          inngest.createFunction({ id: "once", triggers: [{ event: "test/once" }] }, async ({ event, step }) => {
            await step.run("work", () => bump(`once:${event.id}`));
            return "done";
          }),
          inngest.createFunction(
            { id: "urgent-only", triggers: [{ event: "test/message", if: "event.data.priority >= 2 && event.data.kind == 'sms'" }] },
            async () => "urgent",
          ),
          inngest.createFunction({ id: "per-user", idempotency: "event.data.userId", triggers: [{ event: "test/signup" }] }, async () => "welcomed"),
          inngest.createFunction(
            { id: "one-at-a-time", concurrency: [{ limit: 1, key: "event.data.account" }], triggers: [{ event: "test/serial" }] },
            async ({ event, step }) => {
              await step.run("busy", async () => {
                active++;
                peak.all = Math.max(peak.all ?? 0, active);
                const account = event.data.account as string;
                bump(`active:${account}`);
                peak[account] = Math.max(peak[account] ?? 0, bodies[`active:${account}`]);
                await new Promise((resolve) => setTimeout(resolve, 150));
                bodies[`active:${account}`]--;
                active--;
              });
              return event.data.account;
            },
          ),
          inngest.createFunction({ id: "parent", triggers: [{ event: "test/parent" }] }, async ({ step }) => {
            const doubled = await step.invoke("call-double", { function: child, data: { n: 21 } });
            return { doubled };
          }),
          inngest.createFunction(
            {
              id: "doomed",
              triggers: [{ event: "test/doomed" }],
              onFailure: async ({ error, event }: { error: Error; event: { data: { event: { data: { label?: string } } } } }) => {
                failures.push(`${event.data.event.data.label}: ${error.message}`);
              },
            },
            async () => {
              throw new NonRetriableError("cannot be done");
            },
          ),
          inngest.createFunction({ id: "naive-sleep", triggers: [{ event: "test/naive-sleep" }] }, async ({ step }) => {
            await step.sleep("nap", "1h30m");
            return "awake";
          }),
        ];
      },
    });
  });
  afterAll(() => h?.close());

  it("starts one run for an event sent twice with the same id, and records the duplicate", async () => {
    const ids1 = await h.send({ id: "CA1234567890", name: "test/once", data: {} });
    const ids2 = await h.send({ id: "CA1234567890", name: "test/once", data: {} });
    expect(ids1).toEqual(["CA1234567890"]);
    expect(ids2).toEqual(["CA1234567890"]);
    await h.waitForRun((await h.runForEvent("CA1234567890")).id, finished);
    expect(await h.runs("?eventId=CA1234567890")).toHaveLength(1);
    expect(bodies["once:CA1234567890"]).toBe(1);
    const { events } = await h.control<{ events: { id: string; duplicate: boolean; startedRuns: string[] }[] }>("/control/events?name=test/once");
    expect(events.filter((e) => e.id === "CA1234567890").map((e) => [e.duplicate, e.startedRuns.length])).toEqual([
      [true, 0],
      [false, 1],
    ]);
  });

  it("accepts a single event object posted to /e/:key, and refuses one without a name", async () => {
    const ok = await fetch(`${h.engine.url}/e/any-key`, { method: "POST", body: JSON.stringify({ name: "test/once", data: {} }) });
    expect(await ok.json()).toMatchObject({ status: 200, ids: [expect.any(String)] });
    const bad = await fetch(`${h.engine.url}/e/any-key`, { method: "POST", body: JSON.stringify([{ data: {} }]) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "event 0: an event needs a name" });
  });

  it("starts a function only when its trigger expression holds", async () => {
    const [low] = await h.send({ name: "test/message", data: { priority: 1, kind: "sms" } });
    const [high] = await h.send({ name: "test/message", data: { priority: 3, kind: "sms" } });
    expect(await h.waitForRun((await h.runForEvent(high)).id, finished)).toMatchObject({ output: "urgent" });
    expect(await h.runs(`?eventId=${low}`)).toHaveLength(0);
  });

  it("starts one run per idempotency key value", async () => {
    const [first] = await h.send({ name: "test/signup", data: { userId: "u1" } });
    await h.send({ name: "test/signup", data: { userId: "u1" } });
    const [other] = await h.send({ name: "test/signup", data: { userId: "u2" } });
    await h.waitForRun((await h.runForEvent(first)).id, finished);
    await h.waitForRun((await h.runForEvent(other)).id, finished);
    expect(await h.runs("?function=per-user")).toHaveLength(2);
  });

  it("runs at most one call per concurrency key at a time, different keys side by side", async () => {
    const ids = await h.send([
      { name: "test/serial", data: { account: "a" } },
      { name: "test/serial", data: { account: "a" } },
      { name: "test/serial", data: { account: "b" } },
    ]);
    for (const id of ids) await h.waitForRun((await h.runForEvent(id)).id, finished, 15_000);
    expect(peak.a).toBe(1);
    expect(peak.b).toBe(1);
    expect(peak.all).toBe(2);
  });

  it("invokes another function and resumes with its result", async () => {
    const [eventId] = await h.send({ name: "test/parent", data: {} });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, finished);
    expect(run).toMatchObject({ status: "completed", output: { doubled: 42 } });
    const [child] = await h.runs("?function=double");
    expect(child).toMatchObject({ status: "completed", output: 42, eventName: "inngest/function.invoked" });
  });

  it("emits inngest/function.failed so the function's onFailure handler runs", async () => {
    const [eventId] = await h.send({ name: "test/doomed", data: { label: "order 7" } });
    expect(await h.waitForRun((await h.runForEvent(eventId)).id, finished)).toMatchObject({ status: "failed" });
    const handler = await h.waitForRun(await failureHandlerRun(h), finished);
    expect(handler.status).toBe("completed");
    expect(failures).toEqual(["order 7: cannot be done"]);
  });

  it('treats the empty duration the SDK sends for "1h30m" as 0, as Inngest does, and says so', async () => {
    const [eventId] = await h.send({ name: "test/naive-sleep", data: {} });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, finished);
    expect(run.output).toBe("awake");
    expect(run.history.some((e) => e.message.includes('WARNING: step "nap" sent an empty sleep'))).toBe(true);
  });

  it("forgets runs and events on reset but keeps the synced app", async () => {
    await h.control("/control/reset", {});
    expect(await h.runs()).toHaveLength(0);
    const [eventId] = await h.send({ id: "CA1234567890", name: "test/once", data: {} });
    expect(await h.waitForRun((await h.runForEvent(eventId)).id, finished)).toMatchObject({ status: "completed" });
  });
});

/** The failure handler's run appears a moment after the failed run ends. */
async function failureHandlerRun(h: Harness): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const [run] = await h.runs("?function=doomed-failure");
    if (run) return run.id;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no run of the onFailure handler");
}
