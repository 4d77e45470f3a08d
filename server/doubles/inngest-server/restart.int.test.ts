import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/** The engine holds every run's state; with a state file it survives its own restart. */
describe("engine restart with a state file", () => {
  let h: Harness;
  let dir: string;
  const ran: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "local-inngest-"));
    h = await startHarness({
      engine: { stateFile: path.join(dir, "state.json") },
      functions: (inngest) => [
        inngest.createFunction({ id: "follow-up", triggers: [{ event: "test/lead" }] }, async ({ event, step }) => {
          await step.run("greet", () => ran.push(`greet:${event.id}`));
          const reply = await step.waitForEvent("reply", { event: "test/lead.reply", timeout: "2d", if: "async.data.lead == event.data.lead" });
          await step.sleep("cool-off", "1h");
          await step.run("thank", () => ran.push(`thank:${event.id}`));
          return reply?.data.text ?? null;
        }),
      ],
    });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("resumes a waiting run, its memoized steps and the virtual clock after a restart", async () => {
    const [eventId] = await h.send({ name: "test/lead", data: { lead: "L1" } });
    const before = await h.waitForRun((await h.runForEvent(eventId)).id, (r) => r.state === "waiting");
    await h.advance(3_600_000);

    await h.restartEngine();
    expect((await h.control<{ offsetMs: number }>("/control/clock")).offsetMs).toBeGreaterThanOrEqual(3_600_000);
    expect((await h.run(before.id)).state).toBe("waiting");

    await h.send({ name: "test/lead.reply", data: { lead: "L1", text: "call me" } });
    await h.waitForRun(before.id, (r) => r.state === "sleeping");
    await h.restartEngine();
    await h.advance(3_600_000);
    const done = await h.waitForRun(before.id, finished);
    expect(done).toMatchObject({ status: "completed", output: "call me" });
    expect(ran.filter((entry) => entry.endsWith(eventId))).toEqual([`greet:${eventId}`, `thank:${eventId}`]);
  });
});
