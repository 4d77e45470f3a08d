/**
 * The engine's sense of time. Virtual now = real now + offset, so a test can jump a day ahead and
 * every sleep, wait timeout and retry backoff that falls due fires at once, while code that does
 * not advance the clock sees ordinary wall-clock behaviour.
 */
export class VirtualClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves forward (never back: a due timer that already fired cannot un-fire). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("the clock only moves forward: ms must be a non-negative number");
    this.offsetMs += ms;
  }

  /** Jumps to an absolute time, which must not be before the current virtual time. */
  set(at: number): void {
    const now = this.now();
    if (!Number.isFinite(at) || at < now) throw new Error("the clock only moves forward: the time given is in its past");
    this.offsetMs += at - now;
  }

  restore(offsetMs: number): void {
    this.offsetMs = Number.isFinite(offsetMs) ? offsetMs : 0;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

type TimerEntry = { dueAt: number; fire: () => void };

/** Longest delay setTimeout accepts; later timers re-arm when it elapses. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * Keyed timers on the virtual clock with a single real setTimeout for the earliest one. Keys make
 * re-scheduling idempotent ("sleep:<run>:<step>"), and `fireDue` is what a clock jump calls.
 */
export class Timers {
  private entries = new Map<string, TimerEntry>();
  private handle: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly clock: VirtualClock,
    /** A timer whose action throws must not take the other timers (or the process) with it. */
    private readonly onError: (key: string, error: unknown) => void = () => {},
  ) {}

  at(key: string, dueAt: number, fire: () => void): void {
    this.entries.set(key, { dueAt, fire });
    this.arm();
  }

  cancel(key: string): void {
    if (this.entries.delete(key)) this.arm();
  }

  cancelWhere(predicate: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (predicate(key)) this.entries.delete(key);
    this.arm();
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Fires everything due, earliest first, including timers that firing schedules for "now". */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      const now = this.clock.now();
      let nextKey: string | undefined;
      let next: TimerEntry | undefined;
      for (const [key, entry] of this.entries) {
        if (entry.dueAt <= now && (!next || entry.dueAt < next.dueAt)) {
          nextKey = key;
          next = entry;
        }
      }
      if (!next || nextKey === undefined) break;
      this.entries.delete(nextKey);
      fired++;
      try {
        next.fire();
      } catch (error) {
        this.onError(nextKey, error);
      }
    }
    this.arm();
    return fired;
  }

  clear(): void {
    this.entries.clear();
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    if (this.stopped || this.entries.size === 0) return;
    let earliest = Infinity;
    for (const entry of this.entries.values()) earliest = Math.min(earliest, entry.dueAt);
    const delay = Math.min(MAX_TIMEOUT, Math.max(0, earliest - this.clock.now()));
    this.handle = setTimeout(() => this.fireDue(), delay);
    // Timers alone must not keep a test process (or a closed engine) alive.
    this.handle.unref?.();
  }
}
