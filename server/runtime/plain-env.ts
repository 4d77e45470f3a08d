/**
 * Replaces `process.env` with a plain-object copy of itself, once, at server start-up.
 *
 * Node's `process.env` is an exotic object: enumerating it calls into C++ for every key. The Inngest
 * SDK (4.24, `getProcessEnv`) enumerates and filters the whole environment on every serve request
 * and every event send — measured at ~3.9 ms of CPU per missed call. A plain object makes the same
 * enumeration cheap. Reads and writes of `process.env.X` behave as before for JavaScript; the
 * process's native environment (seen by `getenv` in native code) is no longer updated by writes,
 * which nothing in this app relies on (Node passes `process.env` to child processes explicitly).
 */
let replaced = false;

export function adoptPlainEnvironmentCopy(): void {
  if (replaced) return;
  process.env = { ...process.env };
  replaced = true;
}
