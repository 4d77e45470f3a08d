import { requestSync, type SyncOutcome } from "./app-client";
import { Timers, VirtualClock } from "./clock";
import { type EngineContext, type EngineOptions, makeLogger, resolveOptions } from "./context";
import { armCrons } from "./cron";
import { pump } from "./dispatcher";
import { ingestEvents, type IngestResult } from "./events";
import { rearmJobs } from "./queue";
import { finishRun, isActive } from "./runs";
import { type ApiAnswer, checkpointAsync, registerApp, runActions, runBatch } from "./sdk-api";
import { EngineStore, SnapshotWriter } from "./store";
import type { EngineEvent } from "./types";
import { eventView, functionView, runDetail, runSummary } from "./views";
import { rearmParked } from "./waits";

export type RunFilter = { status?: string; functionId?: string; eventName?: string; eventId?: string; limit?: number };

/**
 * The local engine without its HTTP skin: what the SDK endpoints and the control API call. Tests
 * that do not need HTTP can drive it directly.
 */
export class LocalInngestEngine {
  readonly ctx: EngineContext;
  private snapshots?: SnapshotWriter;
  private pumpQueued = false;

  constructor(options: EngineOptions = {}) {
    const clock = new VirtualClock();
    const store = new EngineStore();
    const log = makeLogger(options.log);
    this.ctx = {
      store,
      clock,
      timers: new Timers(clock, (key, error) => log(`internal error in timer ${key}: ${(error as Error).stack ?? error}`)),
      options: resolveOptions(options),
      log,
      changed: () => this.snapshots?.schedule(),
      epoch: 0,
      closed: false,
      hooks: {
        // After the transition that produced them has finished, so intake never sees a half-done run.
        emit: (events: EngineEvent[]) => queueMicrotask(() => this.guard("emitting events", () => ingestEvents(this.ctx, events))),
        pump: () => this.requestPump(),
      },
    };
    if (options.stateFile) this.restore(options.stateFile);
  }

  ingest(payload: unknown): IngestResult {
    return ingestEvents(this.ctx, payload);
  }

  register(body: unknown): ApiAnswer {
    return registerApp(this.ctx, body);
  }

  checkpoint(runId: string, body: unknown): ApiAnswer {
    return checkpointAsync(this.ctx, runId, body);
  }

  runBatch(runId: string): ApiAnswer {
    return runBatch(this.ctx, runId);
  }

  runActions(runId: string): ApiAnswer {
    return runActions(this.ctx, runId);
  }

  /** Asks the app at `url` to sync (PUT), like `inngest-cli dev -u <url>`. */
  async syncApp(url: string): Promise<SyncOutcome> {
    return requestSync(url);
  }

  /** Moves the virtual clock forward and fires everything that fell due. */
  advanceClock(ms: number): { now: string; offsetMs: number; fired: number } {
    this.ctx.clock.advance(ms);
    return this.afterClockMove(`advanced by ${ms}ms`);
  }

  setClock(at: number): { now: string; offsetMs: number; fired: number } {
    this.ctx.clock.set(at);
    return this.afterClockMove(`set to ${new Date(at).toISOString()}`);
  }

  clock() {
    return { now: new Date(this.ctx.clock.now()).toISOString(), nowMs: this.ctx.clock.now(), offsetMs: this.ctx.clock.offset };
  }

  cancelRun(runId: string, reason = "cancelled through the control API"): boolean {
    const run = this.ctx.store.runs.get(runId);
    if (!run || !isActive(run)) return false;
    finishRun(this.ctx, run, "cancelled", { reason });
    return true;
  }

  /** Forgets runs, events, dedupe state and the clock offset; keeps synced apps unless `apps`. */
  reset(options: { apps?: boolean } = {}): void {
    this.ctx.epoch++;
    this.ctx.timers.clear();
    this.ctx.store.reset(options);
    this.ctx.clock.reset();
    armCrons(this.ctx);
    this.ctx.log(`reset${options.apps ? " (apps too)" : ""}`);
    this.ctx.changed();
  }

  listRuns(filter: RunFilter = {}) {
    const runs = [...this.ctx.store.runs.values()]
      .filter((run) => !filter.status || run.status === filter.status)
      .filter((run) => !filter.functionId || run.functionId === filter.functionId || run.functionId.endsWith(`-${filter.functionId}`))
      .filter((run) => !filter.eventName || run.event.name === filter.eventName)
      .filter((run) => !filter.eventId || run.event.id === filter.eventId)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    return runs.slice(0, filter.limit ?? 200).map((run) => runSummary(this.ctx, run));
  }

  getRun(runId: string) {
    const run = this.ctx.store.runs.get(runId);
    return run ? runDetail(this.ctx, run) : undefined;
  }

  listEvents(filter: { name?: string; limit?: number } = {}) {
    return this.ctx.store.events
      .filter((stored) => !filter.name || stored.event.name === filter.name)
      .slice(-(filter.limit ?? 200))
      .reverse()
      .map(eventView);
  }

  listApps() {
    return [...this.ctx.store.apps.values()].map((app) => ({
      ...app,
      syncedAt: new Date(app.syncedAt).toISOString(),
      functions: app.functionIds.map((id) => this.ctx.store.functions.get(id)).filter((fn) => fn !== undefined).map(functionView),
    }));
  }

  health() {
    const counts: Record<string, number> = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const run of this.ctx.store.runs.values()) counts[run.status]++;
    return {
      ok: true,
      apps: this.ctx.store.apps.size,
      functions: this.ctx.store.functions.size,
      runs: counts,
      events: this.ctx.store.events.length,
      appCalls: this.ctx.store.appCalls,
      ...this.clock(),
    };
  }

  close(): void {
    this.ctx.closed = true;
    this.ctx.timers.stop();
    this.snapshots?.flush();
  }

  private afterClockMove(what: string) {
    this.ctx.store.clockOffsetMs = this.ctx.clock.offset;
    this.ctx.log(`clock ${what}; now ${new Date(this.ctx.clock.now()).toISOString()}`);
    const fired = this.ctx.timers.fireDue();
    this.requestPump();
    this.ctx.changed();
    return { ...this.clock(), fired };
  }

  /** Coalesces pump requests: many state changes in one tick make one pass over the queue. */
  private requestPump(): void {
    if (this.pumpQueued || this.ctx.closed) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.guard("dispatching calls", () => pump(this.ctx));
    });
  }

  /** Work started from a microtask has no caller to catch for it; an engine bug is logged, not fatal. */
  private guard(what: string, work: () => unknown): void {
    try {
      work();
    } catch (error) {
      this.ctx.log(`internal error while ${what}: ${(error as Error).stack ?? error}`);
    }
  }

  private restore(file: string): void {
    const snapshot = SnapshotWriter.read(file);
    if (snapshot !== undefined) {
      this.ctx.store.loadSnapshot(snapshot);
      this.ctx.clock.restore(this.ctx.store.clockOffsetMs);
      rearmJobs(this.ctx);
      rearmParked(this.ctx);
      armCrons(this.ctx);
      const live = [...this.ctx.store.runs.values()].filter(isActive).length;
      this.ctx.log(`restored ${this.ctx.store.runs.size} run(s) (${live} live) from ${file}`);
    }
    this.snapshots = new SnapshotWriter(file, () => {
      this.ctx.store.clockOffsetMs = this.ctx.clock.offset;
      return this.ctx.store.toSnapshot();
    }, (message) => this.ctx.log(message));
  }
}
