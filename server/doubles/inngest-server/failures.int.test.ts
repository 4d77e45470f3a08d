import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, type Harness, startHarness } from "./test-harness";

/** Retries with backoff, errors that must not be retried, broken apps and runaway runs. */
describe("failures", () => {
  let h: Harness;
  const attempts: Record<string, number> = {};
  const bump = (key: string) => (attempts[key] = (attempts[key] ?? 0) + 1);

  beforeAll(async () => {
    h = await startHarness({
      // A short schedule (1 s, doubling) instead of Inngest's default, so these tests stay fast.
      engine: { maxStepsPerRun: 10, retryBaseMs: 1_000 },
      functions: (inngest) => [
        inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ event, step }) => {
          const value = await step.run("flaky-step", () => {
            if (bump(`flaky:${event.id}`) < 3) throw new Error("provider timed out");
            return "delivered";
          });
          return value;
        }),
        inngest.createFunction({ id: "refused", triggers: [{ event: "test/refused" }] }, async ({ event, step }) => {
          await step.run("send", () => {
            bump(`refused:${event.id}`);
            throw new NonRetriableError("21610: recipient opted out");
          });
          return "unreachable";
        }),
        inngest.createFunction({ id: "broken", retries: 2, triggers: [{ event: "test/broken" }] }, async ({ event }) => {
          bump(`broken:${event.id}`);
          throw new Error("always broken");
        }),
        inngest.createFunction({ id: "runaway", triggers: [{ event: "test/runaway" }] }, async ({ step }) => {
          for (let i = 0; i < 50; i++) await step.run(`step-${i}`, () => i);
          return "never";
        }),
        inngest.createFunction({ id: "patient", triggers: [{ event: "test/patient" }] }, async ({ event, step }) => {
          const reply = await step.waitForEvent("reply", { event: "test/patient.reply", timeout: "2d", if: "async.data.key == event.data.key" });
          return await step.run("after-reply", () => {
            bump(`patient:${event.id}`);
            return reply?.data.text ?? null;
          });
        }),
      ],
    });
  });
  afterAll(() => h?.close());

  it("retries a failing step with exponential backoff on the virtual clock, then succeeds", async () => {
    const [eventId] = await h.send({ name: "test/flaky", data: {} });
    const runId = (await h.runForEvent(eventId)).id;

    let run = await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 1 && r.jobs[0].state === "queued");
    expect(run.state).toBe("retrying");
    expect(run.steps[0]).toMatchObject({ name: "flaky-step", status: "retrying", attempts: 1 });
    // Nothing happens until the backoff has passed.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(attempts[`flaky:${eventId}`]).toBe(1);

    await h.advance(1_000);
    run = await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 2 && r.jobs[0].state === "queued");
    expect(attempts[`flaky:${eventId}`]).toBe(2);

    await h.advance(2_000);
    run = await h.waitForRun(runId, finished);
    expect(run).toMatchObject({ status: "completed", output: "delivered" });
    expect(run.steps[0]).toMatchObject({ status: "completed", attempts: 3 });
    expect(run.history.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/failed \(attempt 1 of 4\).*provider timed out; retrying in 1s/),
        expect.stringMatching(/failed \(attempt 2 of 4\).*retrying in 2s/),
      ]),
    );
  });

  it("fails at once on a NonRetriableError, running the step body once", async () => {
    const [eventId] = await h.send({ name: "test/refused", data: {} });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, finished);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("21610: recipient opted out");
    expect(run.steps[0]).toMatchObject({ name: "send", status: "failed", attempts: 1 });
    expect(attempts[`refused:${eventId}`]).toBe(1);
  });

  it("fails a run with the reason once its retries are spent", async () => {
    const [eventId] = await h.send({ name: "test/broken", data: {} });
    const runId = (await h.runForEvent(eventId)).id;
    await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 1);
    await h.advance(1_000);
    await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 2);
    await h.advance(2_000);
    const run = await h.waitForRun(runId, finished);
    expect(run.status).toBe("failed");
    expect(run.reason).toMatch(/failed after 3 attempts \(retry budget 2\): Error: always broken/);
    expect(attempts[`broken:${eventId}`]).toBe(3);
  });

  it("fails a run that exceeds its step budget, saying so", async () => {
    const [eventId] = await h.send({ name: "test/runaway", data: {} });
    const run = await h.waitForRun((await h.runForEvent(eventId)).id, finished);
    expect(run.status).toBe("failed");
    expect(run.reason).toContain("exceeded the step budget of 10 step ops");
  });

  it("keeps a waiting run while the app is down, retries while it is unreachable, and finishes when it is back", async () => {
    const [eventId] = await h.send({ name: "test/patient", data: { key: "k1" } });
    const runId = (await h.waitForRun((await h.runForEvent(eventId)).id, (r) => r.state === "waiting")).id;

    await h.stopApp();
    await h.send({ name: "test/patient.reply", data: { key: "k1", text: "still there?" } });
    let run = await h.waitForRun(runId, (r) => r.history.some((e) => e.message.includes("app unreachable")));
    expect(run.status).toBe("running");
    expect(run.history.at(-1)?.message).toMatch(/ECONNREFUSED/);
    // Being down does not spend the function's retries: the call is still on its first attempt.
    expect(run.jobs[0]).toMatchObject({ attempt: 0, state: "queued" });

    await h.startApp();
    // The periodic sync (here: one explicit sync) notices the app is back and calls at once.
    await h.control("/control/apps/sync", { url: h.appUrl });
    run = await h.waitForRun(runId, finished);
    expect(run).toMatchObject({ status: "completed", output: "still there?" });
    expect(attempts[`patient:${eventId}`]).toBe(1);
  });

  describe("an app that does not speak the protocol", () => {
    let fake: Server;
    /** "drop": the app dies mid-request — it read the call, then its connection is gone without an answer. */
    let answers: ({ status: number; body: string; type: string } | "drop")[];
    const served: string[] = [];
    const attemptsSeen: number[] = [];

    beforeAll(async () => {
      fake = createServer(async (req, res) => {
        served.push(`${req.method} ${req.url}`);
        let body = "";
        for await (const chunk of req) body += chunk;
        attemptsSeen.push((JSON.parse(body || "{}") as { ctx?: { attempt?: number } }).ctx?.attempt ?? -1);
        const answer = answers.shift() ?? { status: 502, body: "<html>Bad gateway</html>", type: "text/html" };
        if (answer === "drop") return void req.socket.destroy();
        res.writeHead(answer.status, { "content-type": answer.type });
        res.end(answer.body);
      });
      await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/api/inngest`;
      // Synced by hand, as the SDK would sync it.
      await fetch(`${h.engine.url}/fn/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          url,
          appName: "fake-app",
          functions: [
            {
              id: "fake-app-garbled",
              name: "garbled",
              triggers: [{ event: "test/garbled" }],
              steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${url}?fnId=fake-app-garbled&stepId=step` }, retries: { attempts: 2 } } },
            },
          ],
        }),
      });
    });
    afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

    it("fails each malformed answer as an attempt with the reason, and the run once retries are spent", async () => {
      answers = [
        { status: 200, body: "<html>ok?</html>", type: "text/html" },
        { status: 206, body: '[{"nonsense":true}]', type: "application/json" },
        { status: 404, body: "Not Found", type: "text/plain" },
      ];
      const [eventId] = await h.send({ name: "test/garbled", data: {} });
      const runId = (await h.runForEvent(eventId)).id;
      await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 1);
      await h.advance(1_000);
      await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 2);
      await h.advance(2_000);
      const run = await h.waitForRun(runId, finished);
      expect(run.status).toBe("failed");
      expect(run.reason).toContain("failed after 3 attempts");
      expect(run.reason).toContain("unexpected 404 answer (not JSON): Not Found");
      const messages = run.history.map((e) => e.message).join("\n");
      expect(messages).toContain("200 with a body that is not JSON");
      expect(messages).toContain("206 with something other than step ops");
      expect(served[0]).toMatch(/^POST \/api\/inngest\?fnId=fake-app-garbled&stepId=step$/);
      // The engine is still fine.
      expect((await h.control<{ ok: boolean }>("/control/health")).ok).toBe(true);
    });

    it("counts a call during which the app died (the connection broke mid-request) as an attempt, as Inngest does", async () => {
      answers = ["drop", { status: 200, body: '"done"', type: "application/json" }];
      attemptsSeen.length = 0;
      const [eventId] = await h.send({ name: "test/garbled", data: {} });
      const runId = (await h.runForEvent(eventId)).id;
      const retrying = await h.waitForRun(runId, (r) => r.jobs[0]?.attempt === 1 && r.jobs[0].state === "queued");
      expect(retrying.history.map((e) => e.message).join("\n")).toMatch(/failed \(attempt 1 of 3\): the connection to the app broke mid-request .*; retrying in 1s/);
      await h.advance(1_000);
      const run = await h.waitForRun(runId, finished);
      expect(run).toMatchObject({ status: "completed", output: "done" });
      // The SDK is told which attempt it runs: the second call is attempt 1 (zero-based).
      expect(attemptsSeen).toEqual([0, 1]);
    });
  });
});
