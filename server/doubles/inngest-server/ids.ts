import { createHash, randomBytes, randomUUID } from "node:crypto";

/**
 * Identifiers shaped like Inngest's: run and event ids are ULIDs (time-sortable, so lists sort by
 * creation), a function's internal id is a UUID, and step ids are SHA-1 hex as the SDK hashes them.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID for `timeMs` (the engine's virtual time, so ids sort with the timeline tests see). */
export function ulid(timeMs: number): string {
  let time = Math.max(0, Math.floor(timeMs));
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const random = randomBytes(16);
  let tail = "";
  for (let i = 0; i < 16; i++) tail += CROCKFORD[random[i] % 32];
  return head + tail;
}

/** A stable UUID for a name, so a function keeps its internal id across re-syncs and restarts. */
export function stableUuid(name: string): string {
  const hex = createHash("sha1").update(`local-inngest:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id the SDK gives a step: SHA-1 hex of its human-readable id. */
export function hashStepId(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}

/** A queue-item id for one scheduled call (`ctx.qi_id`), echoed back by checkpoints. */
export function queueItemId(): string {
  return randomUUID();
}
