import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/** What the engine does by default when nobody tunes it: Inngest's retry schedule, and cron triggers. */
describe("schedules", () => {
  let h: Harness;
  let failures = 0;

  beforeAll(async () => {
    h = await startHarness({
      functions: (inngest) => [
        inngest.createFunction({ id: "sometimes", retries: 2, triggers: [{ event: "test/sometimes" }] }, async ({ step }) =>
          step.run("call-provider", () => {
            if (failures++ < 1) throw new Error("provider answered 503");
            return "ok";
          }),
        ),
        inngest.createFunction({ id: "every-five", triggers: [{ cron: "*/5 * * * *" }] }, async ({ event }) => ({ name: event.name, ts: event.ts })),
      ],
    });
  });
  afterAll(() => h?.close());

  it("retries a failed step on Inngest's schedule by default: the first retry 15–45 s later", async () => {
    const [eventId] = await h.send({ name: "test/sometimes", data: {} });
    const runId = (await h.runForEvent(eventId)).id;
    const waiting = await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 1 && r.jobs[0].state === "queued");
    const { nowMs } = await h.control<{ nowMs: number }>("/control/clock");
    const delay = Date.parse(waiting.jobs[0].dueAt) - nowMs;
    expect(delay).toBeGreaterThan(14_000);
    expect(delay).toBeLessThanOrEqual(45_000);
    await h.advance(45_000);
    expect(await h.waitForRun(runId, finished)).toMatchObject({ status: "completed", output: "ok" });
  });

  it("fires a cron trigger when the clock reaches its time, with Inngest's scheduled event; a jump of an hour fires it once", async () => {
    const runsOf = () => h.runs("?function=every-five");
    // Just past a five-minute boundary (firing the one due), so no wall-clock tick comes during the test.
    const { nowMs: start } = await h.control<{ nowMs: number }>("/control/clock");
    await h.control("/control/clock/set", { now: new Date(Math.ceil(start / 300_000) * 300_000 + 1_000).toISOString() });
    const before = (await poll(async () => ((await runsOf()).length >= 1 ? await runsOf() : undefined))).length;
    await h.advance(5 * 60_000);
    const first = await h.waitForRun((await poll(async () => ((await runsOf()).length === before + 1 ? (await runsOf())[0] : undefined))).id, finished);
    expect(first.status).toBe("completed");
    const output = first.output as { name: string; ts: number };
    expect(output.name).toBe("inngest/scheduled.timer");
    // Scheduled on a five-minute boundary of the engine's clock.
    expect(output.ts % (5 * 60_000)).toBe(0);

    await h.advance(60 * 60_000);
    await poll(async () => ((await runsOf()).length === before + 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    const runs = await runsOf();
    expect(runs).toHaveLength(before + 2);
    // Dated the latest time the jump passed: an hour later, on a boundary.
    const second = await h.waitForRun(runs[0].id, finished);
    const { nowMs } = await h.control<{ nowMs: number }>("/control/clock");
    expect((second.output as { ts: number }).ts).toBeGreaterThan(nowMs - 5 * 60_000);
    expect((second.output as { ts: number }).ts % (5 * 60_000)).toBe(0);
  });

  it("refuses to sync a function whose cron is not a schedule, saying which", async () => {
    const answer = await fetch(`${h.engine.url}/fn/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        url: "http://127.0.0.1:9/api/inngest",
        appName: "typo-app",
        functions: [{ id: "typo-app-nightly", triggers: [{ cron: "0 25 * * *" }], steps: { step: { runtime: { url: "http://127.0.0.1:9/api/inngest?fnId=typo-app-nightly&stepId=step" } } } }],
      }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/typo-app-nightly: cron "0 25 \* \* \*" is not a valid schedule/);
  });
});

async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
