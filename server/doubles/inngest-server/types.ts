/**
 * The engine's state: plain, JSON-serialisable data, so it can be snapshotted to a file and shown
 * through the control API as it is.
 */

/** An event as Inngest stores it (`id` is its dedupe key, `ts` epoch milliseconds). */
export interface EngineEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
}

/** An event received, and what it did. */
export interface StoredEvent {
  event: EngineEvent;
  receivedAt: number;
  /** True when an event with the same id was seen within the dedupe window: it started nothing. */
  duplicate: boolean;
  startedRuns: string[];
  resumedRuns: string[];
  cancelledRuns: string[];
}

/** The error shape the SDK serialises (`{ name, message, stack }`, sometimes more). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

/** What the engine hands back for a step in `steps`: its data, or its final error. */
export type Memo = { data: unknown } | { error: SerializedError };

export interface Trigger {
  event?: string;
  expression?: string;
  cron?: string;
}

export interface CancelRule {
  event: string;
  if?: string;
  timeout?: string;
}

export interface ConcurrencyRule {
  limit: number;
  key?: string;
  scope: "fn" | "env" | "account";
}

/** A function as synced by an app (`POST /fn/register`), normalised. */
export interface RegisteredFunction {
  /** Composite id, `<appId>-<fnId>`. */
  id: string;
  /** The UUID sent as `ctx.fn_id`; the SDK echoes it in checkpoints. */
  internalId: string;
  appId: string;
  name: string;
  /** The step URL the SDK registered (`...?fnId=<id>&stepId=step`). */
  url: string;
  triggers: Trigger[];
  /** Retries after the first attempt (Inngest's default is 4, so 5 attempts). */
  retries: number;
  cancel: CancelRule[];
  concurrency: ConcurrencyRule[];
  idempotency?: string;
  /** Options Inngest honours that this engine only records (logged once at sync). */
  ignoredOptions: string[];
  /** The configuration exactly as the SDK sent it. */
  config: Record<string, unknown>;
}

export interface RegisteredApp {
  id: string;
  url: string;
  framework?: string;
  sdk?: string;
  syncedAt: number;
  functionIds: string[];
}

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export type StepStatus =
  | "planned"
  | "running"
  | "retrying"
  | "completed"
  | "failed"
  | "sleeping"
  | "waiting"
  | "invoking"
  | "cancelled";

/** One step of a run as reported by the SDK, with what happened to it. */
export interface StepRecord {
  id: string;
  name: string;
  op: string;
  status: StepStatus;
  attempts: number;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  output?: unknown;
  error?: SerializedError;
  lastError?: string;
  sleepUntil?: number;
  wait?: { event: string; if?: string; timeoutAt: number };
  invoke?: { functionId: string; runId?: string; timeoutAt?: number };
}

/** A scheduled call to the app for one run: discovery (`stepId=step`) or one planned step. */
export interface Job {
  /** Sent as `ctx.qi_id`; checkpoints carry it back so stale calls can be told apart. */
  id: string;
  runId: string;
  stepId: string;
  attempt: number;
  /** Consecutive failures to reach the app at all (connection refused, reset, DNS). */
  unreachable: number;
  dueAt: number;
  state: "queued" | "in-flight";
  reason: string;
  seq: number;
  startedAt?: number;
}

export interface HistoryEntry {
  at: number;
  message: string;
}

export interface Run {
  id: string;
  functionId: string;
  appId: string;
  event: EngineEvent;
  events: EngineEvent[];
  status: RunStatus;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Memoized results by hashed step id, as sent in `steps`. */
  memo: Record<string, Memo>;
  /** Hashed step ids in completion order, as sent in `ctx.stack.stack`. */
  stack: string[];
  steps: Record<string, StepRecord>;
  /** Set once the app reported parallel steps: from then on every step is planned first (spec 5.5). */
  disableImmediateExecution: boolean;
  opsCount: number;
  callsCount: number;
  output?: unknown;
  error?: SerializedError;
  /** Why the run ended the way it did, in words. */
  reason?: string;
  concurrency: { bucket: string; limit: number }[];
  invokedBy?: { runId: string; stepId: string };
  history: HistoryEntry[];
}
