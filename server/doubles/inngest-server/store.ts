import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Job, RegisteredApp, RegisteredFunction, Run, StoredEvent } from "./types";

/** How long an event id blocks a second event with the same id, as on Inngest. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Finished runs and events kept for the control API; older ones are dropped first. */
const KEEP_FINISHED_RUNS = 2000;
const KEEP_EVENTS = 5000;

const SNAPSHOT_VERSION = 1;

/**
 * Everything the engine knows, in memory. The app holds no state between calls, so this is the
 * whole truth about every run; with a `stateFile` it is also written to disk so a restarted engine
 * picks its waiting runs back up.
 */
export class EngineStore {
  apps = new Map<string, RegisteredApp>();
  functions = new Map<string, RegisteredFunction>();
  runs = new Map<string, Run>();
  jobs = new Map<string, Job>();
  events: StoredEvent[] = [];
  /** Event id → when first received (virtual ms), for dedupe. */
  seenEventIds = new Map<string, number>();
  /** `<functionId>:<key>` → when a run with that idempotency key started. */
  idempotencyKeys = new Map<string, number>();
  clockOffsetMs = 0;
  /** Calls made to apps' serve handlers since start (or reset): what `npm run bench` divides by runs. */
  appCalls = 0;
  private jobSeq = 0;

  nextJobSeq(): number {
    return ++this.jobSeq;
  }

  addEvent(stored: StoredEvent): void {
    this.events.push(stored);
    if (this.events.length > KEEP_EVENTS) this.events.splice(0, this.events.length - KEEP_EVENTS);
  }

  private prunedAt = -Infinity;

  /**
   * Forgets dedupe and idempotency entries older than the window, and the oldest finished runs.
   * At most once a second: it walks every run, and intake calls it for every event (dedupe checks
   * compare times themselves, so an entry kept a little longer changes nothing).
   */
  prune(now: number): void {
    if (now - this.prunedAt < 1_000) return;
    this.prunedAt = now;
    for (const [id, at] of this.seenEventIds) if (now - at > DEDUPE_WINDOW_MS) this.seenEventIds.delete(id);
    for (const [key, at] of this.idempotencyKeys) if (now - at > DEDUPE_WINDOW_MS) this.idempotencyKeys.delete(key);
    const finished = [...this.runs.values()].filter((run) => run.endedAt !== undefined);
    if (finished.length > KEEP_FINISHED_RUNS) {
      finished.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
      for (const run of finished.slice(0, finished.length - KEEP_FINISHED_RUNS)) this.runs.delete(run.id);
    }
  }

  /** Clears runs, jobs, events and dedupe state; apps stay synced unless `apps` is set. */
  reset({ apps = false }: { apps?: boolean } = {}): void {
    this.runs.clear();
    this.jobs.clear();
    this.events = [];
    this.seenEventIds.clear();
    this.idempotencyKeys.clear();
    this.clockOffsetMs = 0;
    this.appCalls = 0;
    if (apps) {
      this.apps.clear();
      this.functions.clear();
    }
  }

  toSnapshot(): unknown {
    return {
      version: SNAPSHOT_VERSION,
      clockOffsetMs: this.clockOffsetMs,
      jobSeq: this.jobSeq,
      apps: [...this.apps.values()],
      functions: [...this.functions.values()],
      runs: [...this.runs.values()],
      jobs: [...this.jobs.values()],
      events: this.events,
      seenEventIds: [...this.seenEventIds],
      idempotencyKeys: [...this.idempotencyKeys],
    };
  }

  loadSnapshot(raw: unknown): void {
    const snap = raw as ReturnType<EngineStore["toSnapshot"]> & Record<string, unknown>;
    if (!snap || typeof snap !== "object" || (snap as { version?: unknown }).version !== SNAPSHOT_VERSION) {
      throw new Error("not a local-inngest snapshot of a known version");
    }
    const s = snap as {
      clockOffsetMs: number;
      jobSeq: number;
      apps: RegisteredApp[];
      functions: RegisteredFunction[];
      runs: Run[];
      jobs: Job[];
      events: StoredEvent[];
      seenEventIds: [string, number][];
      idempotencyKeys: [string, number][];
    };
    this.clockOffsetMs = s.clockOffsetMs ?? 0;
    this.jobSeq = s.jobSeq ?? 0;
    this.apps = new Map(s.apps.map((app) => [app.id, app]));
    this.functions = new Map(s.functions.map((fn) => [fn.id, fn]));
    this.runs = new Map(s.runs.map((run) => [run.id, run]));
    // A call that was in flight when the engine stopped never answered: it is simply made again.
    this.jobs = new Map(s.jobs.map((job) => [job.id, { ...job, state: "queued" as const, startedAt: undefined }]));
    this.events = s.events ?? [];
    this.seenEventIds = new Map(s.seenEventIds ?? []);
    this.idempotencyKeys = new Map(s.idempotencyKeys ?? []);
  }
}

/**
 * Writes snapshots at most every `delayMs`, atomically (temp file + rename), so a crash mid-write
 * never leaves a half file.
 */
export class SnapshotWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => unknown,
    private readonly onError: (message: string) => void,
    private readonly delayMs = 250,
  ) {}

  static read(file: string): unknown | undefined {
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref?.();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.snapshot()));
      renameSync(temp, this.file);
    } catch (error) {
      this.onError(`could not write state file ${this.file}: ${(error as Error).message}`);
    }
  }
}
