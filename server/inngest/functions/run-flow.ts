import { NonRetriableError } from "inngest";
import { advance, businessNumberOfInput, type AdvanceResult, type Effect, type EffectResult, type TraceEvent } from "../../flows/engine";
import { findReplySince, performEffect, type RunContext } from "../../flows/runtime/perform-effect";
import { recordRunProgress, recordStep, recordStepStarted, type FinishedStep } from "../../flows/runtime/run-recorder";
import { graphOfVersion, loadRunSetup } from "../../flows/runtime/run-setup";
import { defaultSmsTransport } from "../../messaging/default-transport";
import { failUnfinishedTextsOfRun } from "../../messaging/failed-sends";
import { inngest } from "../../events/client";
import { runStart } from "../../events/schemas";

/** The contact's number in a start event, CEL: events sent before triggers were a family carry only `call.from`. */
const CONTACT_NUMBER = "(has(event.data.contact) ? event.data.contact.e164 : event.data.call.from)";

/** Retries after a step's first attempt (Inngest's default); the last attempt records a text's failure. */
const RETRIES = 4;

/**
 * Runs one flow for one missed call, durably. The engine decides; this function only turns each
 * effect into an Inngest step with the effect's stable id (`<kind>:<nodeId>`), so a replay
 * re-derives the same path from memoized results and a retried step never repeats its I/O
 * (sendSms is idempotent per run + step besides). Run history is written inside the steps, and
 * the run's end after the last one.
 */
export const runFlow = inngest.createFunction(
  {
    id: "run-flow",
    name: "Run flow",
    triggers: [runStart],
    retries: RETRIES,
    // One run at a time per contact of a business: two flows never text the same person at once.
    // Keyed on the contact's number (`call.from` in events sent before triggers were a family).
    concurrency: [{ key: `event.data.clientId + '/' + ${CONTACT_NUMBER}`, limit: 1 }],
    cancelOn: [
      {
        event: "contact/opted-out",
        if: `event.data.clientId == async.data.clientId && ${CONTACT_NUMBER} == async.data.contactE164 && event.data.runId != async.data.keepRunId`,
      },
      { event: "flow/run.cancel", if: "event.data.runId == async.data.runId" },
    ],
    onFailure: async ({ event, error }) => {
      const runId = (event.data.event.data as { runId: string }).runId;
      await recordRunProgress({ runId, status: "failed", error: `The run stopped: ${error.message}` }).catch(() => {});
      // Not swallowed: if the database is down, Inngest retries this handler.
      await failUnfinishedTextsOfRun(runId, error.message);
    },
  },
  async ({ event, step, attempt, maxAttempts }) => {
    // The facts travel in the start event (read when the run was created, so a replay sees the same
    // world); only a run started by the previous version reads them in a step.
    const facts = event.data.facts ?? (await step.run("load-run", () => loadRunSetup(event.data.runId, event.data.call))).facts;
    // Inngest replays this function before every step; the engine caches compiled graphs by object
    // identity, so reuse one parsed graph per immutable flow version across replays.
    const setup = { facts, graph: await graphOfVersion(event.data.flowVersionId) };
    const run: RunContext = {
      runId: event.data.runId,
      clientId: event.data.clientId,
      flowId: event.data.flowId,
      businessNumber: businessNumberOfInput(setup.facts),
      transport: defaultSmsTransport(),
    };
    const trace: TraceEvent[] = [];
    // Wait results are recorded by the next step that runs (a wait itself cannot run code), in
    // the same statement as that step's own history.
    const unrecorded: FinishedStep[] = [];
    const takeUnrecorded = () => unrecorded.splice(0);
    const take = (r: AdvanceResult) => {
      trace.push(...r.trace);
      return r;
    };

    let result = take(advance(setup.graph, null, { type: "start", facts: setup.facts }));
    while (result.status === "running" || result.status === "waiting") {
      const effect = result.effects[0];
      let output: EffectResult;
      try {
        output = await perform(effect);
      } catch (error) {
        // Retries are exhausted (or the error was permanent): the engine ends the run with it.
        result = take(advance(setup.graph, result.state, { type: "error", stepId: effect.stepId, message: (error as Error).message }));
        break;
      }
      result = take(advance(setup.graph, result.state, { type: "result", stepId: effect.stepId, result: output }));
    }

    // Not a step: this runs only once every step is done, and a retried call writing the same end
    // again is harmless (one idempotent UPDATE), while a step would cost every run a checkpoint.
    const final = result;
    await recordRunProgress({
      finished: takeUnrecorded(),
      runId: run.runId,
      status: final.status === "completed" ? "completed" : "failed",
      trace,
      outcome: final.status === "completed" ? (trace.at(-1)?.name ?? "Completed") : null,
      error: final.state.error?.message ?? null,
    });
    return { status: final.status, path: trace.map((t) => `${t.nodeId}:${t.handle ?? "end"}`) };

    async function perform(effect: Effect): Promise<EffectResult> {
      if (effect.kind === "waitForReply") return waitForReply(effect);
      if (effect.kind === "sleep") return sleep(effect);
      return step.run(effect.stepId, async () => {
        const startedAt = new Date();
        try {
          // On the last attempt a text that cannot go out is recorded failed and the flow takes its
          // "failed" branch, instead of the run failing with the text left pending.
          const output = await performEffect(effect, { ...run, lastAttempt: attempt + 1 >= (maxAttempts ?? RETRIES + 1) });
          // One statement per step, written when it is over (with the waits before it and the run's path).
          await recordStep({ runId: run.runId, effect, startedAt, output, attempt: attempt + 1, trace, finished: takeUnrecorded() });
          return output;
        } catch (error) {
          await recordStep({ runId: run.runId, effect, startedAt, error: (error as Error).message, attempt: attempt + 1, trace, finished: takeUnrecorded() });
          if (error instanceof Error && "permanent" in error && error.permanent === true) throw new NonRetriableError(error.message, { cause: error });
          throw error;
        }
      }) as Promise<EffectResult>;
    }

    async function waitForReply(effect: Extract<Effect, { kind: "waitForReply" }>): Promise<EffectResult> {
      const inbox = { clientId: run.clientId, from: effect.from, since: effect.since, until: effect.deadline };
      // The wait is declared before the inbox is read, so the SDK reports both at once and Inngest
      // holds the wait before the inbox step runs: a reply either is in the inbox by then or
      // resumes the wait. (Inngest does not look back: reading the inbox first left a gap in which
      // a reply was seen only after the whole timeout.) The run is recorded "waiting" in that step.
      const received = step.waitForEvent(effect.stepId, {
        event: "sms/received",
        // Relative, not the absolute deadline: the wait is registered now, so the two agree in
        // production, and a server whose clock differs (the local engine's test clock) still
        // waits the full time.
        timeout: Math.max(1_000, Date.parse(effect.deadline) - Date.now()),
        if: `async.data.clientId == event.data.clientId && async.data.from == ${CONTACT_NUMBER}`,
      });
      const early = await step.run(`inbox:${effect.stepId}`, async () => {
        await recordStepStarted({ runId: run.runId, effect, attempt: 1, waiting: true, trace, finished: takeUnrecorded() });
        return findReplySince(inbox);
      });
      // A reply already in the inbox wins; the wait is then left to lapse (the run never reads it).
      let reply = early;
      if (!reply) {
        const event = await received;
        reply = event ? { body: event.data.body, at: event.data.at } : null;
        // Backstop, should a server run the inbox step before it holds the wait: read the inbox again.
        if (!reply) reply = await step.run(`inbox-late:${effect.stepId}`, () => findReplySince(inbox));
      }
      const output = { reply, at: reply?.at ?? effect.deadline };
      unrecorded.push({ stepId: effect.stepId, output, attempt: 1 });
      return output;
    }

    async function sleep(effect: Extract<Effect, { kind: "sleep" }>): Promise<EffectResult> {
      await step.run(`sleep-start:${effect.stepId}`, async () => {
        await recordStepStarted({ runId: run.runId, effect, attempt: 1, waiting: true, trace, finished: takeUnrecorded() });
      });
      await step.sleepUntil(effect.stepId, new Date(effect.until));
      const output = { at: effect.until };
      unrecorded.push({ stepId: effect.stepId, output, attempt: 1 });
      return output;
    }
  },
);
