import type { Timers, VirtualClock } from "./clock";
import type { EngineStore } from "./store";
import type { EngineEvent, Run } from "./types";

/** Tunables; defaults suit development (quick retries) and are what the CLI uses. */
export interface EngineOptions {
  /** One line per run transition. Defaults to console.log; `false` silences the engine. */
  log?: ((line: string) => void) | false;
  /**
   * Send `ctx.fn_id`/`ctx.qi_id` so the SDK checkpoints (runs consecutive steps in one call and
   * POSTs each to `/v1/checkpoint/:runId/async`), as the dev server does. Default true.
   */
  checkpointing?: boolean;
  /** How long one call to the app may take. Default 120 s. */
  callTimeoutMs?: number;
  /**
   * A shorter retry schedule, for tests: the first retry after this delay, doubling per attempt up
   * to `retryMaxMs`, without jitter. Unset (the default): Inngest's own schedule — 15 s, 30 s, 1 min,
   * 2 min, 5 min, 10 min, 20 min, 40 min, 1 h, 2 h, each plus 0–30 s of jitter.
   */
  retryBaseMs?: number;
  /** Longest delay of the `retryBaseMs` schedule. Default 60 s. */
  retryMaxMs?: number;
  /** Tries while the app cannot be reached at all before the run fails. Default 40 (~15 min). */
  unreachableRetries?: number;
  /** Longest delay between tries while the app is unreachable. Default 30 s. */
  unreachableMaxBackoffMs?: number;
  /** Step ops one run may report before it is failed as runaway. Default 1000. */
  maxStepsPerRun?: number;
  /** Calls to the app one run may need before it is failed as runaway. Default 3000. */
  maxCallsPerRun?: number;
  /** Keep state in this JSON file so a restarted engine resumes its runs. Default: memory only. */
  stateFile?: string;
  /**
   * Fire cron triggers (on the virtual clock). Default true. Tests that do not test a cron turn them
   * off, so a wall-clock tick cannot start a scheduled run in the middle of what they measure.
   */
  crons?: boolean;
}

export type ResolvedOptions = Required<Omit<EngineOptions, "log" | "stateFile" | "retryBaseMs">> & { stateFile?: string; retryBaseMs: number | null };

export function resolveOptions(options: EngineOptions): ResolvedOptions {
  return {
    checkpointing: options.checkpointing ?? true,
    callTimeoutMs: options.callTimeoutMs ?? 120_000,
    retryBaseMs: options.retryBaseMs ?? null,
    retryMaxMs: options.retryMaxMs ?? 60_000,
    unreachableRetries: options.unreachableRetries ?? 40,
    unreachableMaxBackoffMs: options.unreachableMaxBackoffMs ?? 30_000,
    maxStepsPerRun: options.maxStepsPerRun ?? 1000,
    maxCallsPerRun: options.maxCallsPerRun ?? 3000,
    stateFile: options.stateFile,
    crons: options.crons ?? true,
  };
}

/** What every part of the engine shares. Hooks break the cycle between intake and run lifecycle. */
export interface EngineContext {
  store: EngineStore;
  clock: VirtualClock;
  timers: Timers;
  options: ResolvedOptions;
  log(line: string): void;
  /** Something changed: persist (when a state file is configured). */
  changed(): void;
  /** Incremented by reset; answers to calls made before it are dropped. */
  epoch: number;
  closed: boolean;
  hooks: {
    /** Ingest events the engine itself produces (function.finished, function.failed, invokes). */
    emit(events: EngineEvent[]): void;
    /** Look for due calls to make. Safe to call often: it coalesces. */
    pump(): void;
  };
}

export function makeLogger(option: EngineOptions["log"]): (line: string) => void {
  if (option === false) return () => {};
  const sink = option ?? ((line: string) => console.log(line));
  return (line) => sink(`[local-inngest] ${line}`);
}

/** "run 01J… (ringback-run-flow)" — how logs name a run. */
export function runLabel(run: Run): string {
  return `run ${run.id} (${run.functionId})`;
}
