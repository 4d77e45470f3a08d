import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/**
 * The everyday ops, through the SDK's real serve handler: memoized steps, parallel (planned)
 * steps, sleeps passed by moving the clock. Each case runs with the SDK's checkpointing on (its
 * v4 default: several steps per call, POSTed to /v1/checkpoint) and off (one step per call).
 */
describe.each([
  { checkpointing: true, label: "with checkpointing" },
  { checkpointing: false, label: "without checkpointing" },
])("steps $label", ({ checkpointing }) => {
  let h: Harness;
  const ran: Record<string, number> = {};
  const count = (key: string) => {
    ran[key] = (ran[key] ?? 0) + 1;
  };
  let invocations = 0;

  beforeAll(async () => {
    h = await startHarness({
      checkpointing,
      functions: (inngest) => [
        inngest.createFunction({ id: "sequence", triggers: [{ event: "test/sequence" }] }, async ({ event, step }) => {
          invocations++;
          const a = await step.run("a", () => {
            count(`a:${event.id}`);
            return 1;
          });
          // A number: the SDK sends it as "1h30m" (it would send "" for the string "1h30m"; see sleeps test).
          await step.sleep("nap", 90 * 60_000);
          const b = await step.run("b", () => {
            count(`b:${event.id}`);
            return a + 1;
          });
          return { a, b };
        }),
        inngest.createFunction({ id: "fan-out", triggers: [{ event: "test/fan-out" }] }, async ({ event, step }) => {
          const parts = await Promise.all(
            ["p1", "p2", "p3"].map((id, index) =>
              step.run(id, () => {
                count(`${id}:${event.id}`);
                return index * 10;
              }),
            ),
          );
          const total = await step.run("total", () => {
            count(`total:${event.id}`);
            return parts.reduce((sum, part) => sum + part, 0);
          });
          return { parts, total };
        }),
        inngest.createFunction({ id: "until", triggers: [{ event: "test/until" }] }, async ({ event, step }) => {
          await step.sleepUntil("until-then", new Date(event.data.at as string));
          return "woke";
        }),
      ],
    });
  });
  afterAll(() => h?.close());

  it("runs each step body once, memoizing results across calls, and sleeps until the clock passes 1h30m", async () => {
    const [eventId] = await h.send({ name: "test/sequence", data: {} });
    let run = await h.runForEvent(eventId);
    run = await h.waitForRun(run.id, (r) => r.state === "sleeping");
    expect(ran[`a:${eventId}`]).toBe(1);
    expect(run.steps.find((s) => s.name === "nap")).toMatchObject({ op: "Sleep", status: "sleeping" });

    await h.advance(89 * 60_000);
    expect((await h.run(run.id)).state).toBe("sleeping");

    await h.advance(60_000);
    run = await h.waitForRun(run.id, finished);
    expect(run).toMatchObject({ status: "completed", output: { a: 1, b: 2 } });
    expect(ran[`a:${eventId}`]).toBe(1);
    expect(ran[`b:${eventId}`]).toBe(1);
    expect(invocations).toBeGreaterThanOrEqual(2);
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([
      ["a", "completed"],
      ["nap", "completed"],
      ["b", "completed"],
    ]);
  });

  it("plans parallel steps, runs each once in its own call, then continues", async () => {
    const [eventId] = await h.send({ name: "test/fan-out", data: {} });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, finished);
    expect(run).toMatchObject({ status: "completed", output: { parts: [0, 10, 20], total: 30 } });
    for (const id of ["p1", "p2", "p3", "total"]) expect(ran[`${id}:${eventId}`]).toBe(1);
    expect(run.history.some((entry) => entry.message.includes('planned step "p2"'))).toBe(true);
  });

  it("sleeps until an absolute time (sleepUntil) on the virtual clock", async () => {
    const clock = await h.control<{ nowMs: number }>("/control/clock");
    const at = new Date(clock.nowMs + 2 * 86_400_000).toISOString();
    const [eventId] = await h.send({ name: "test/until", data: { at } });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, (r) => r.state === "sleeping");
    await h.advance(2 * 86_400_000 + 1000);
    expect(await h.waitForRun(run.id, finished)).toMatchObject({ status: "completed", output: "woke" });
  });
});
