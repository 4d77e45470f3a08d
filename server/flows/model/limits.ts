/**
 * How big a flow may be (README "Limits"). Enforced by the FlowGraph schema when a draft is saved,
 * simulated or published, with messages that name the limit; data already stored is read without
 * them (StoredFlowGraph), so a flow saved before a limit existed still opens and still runs.
 */
export const FLOW_LIMITS = {
  /** Steps in one flow. Validation is linear, so this bounds the work of a save, not its shape. */
  steps: 2_000,
  /** Connections in one flow (a step has at most two outputs). */
  edges: 4_000,
  /** Length of a step or connection id. */
  idChars: 100,
  /** Length of a step's name. */
  labelChars: 80,
  /** Depth of objects and lists inside one step's settings. */
  configDepth: 6,
  /** Size of one step's settings, as JSON. */
  configBytes: 16 * 1024,
  /** Size of the whole flow, as JSON. */
  draftBytes: 1024 * 1024,
  /** Items in a list setting: keywords, numbers. */
  listItems: 50,
} as const;

/** Whether `value` nests objects or arrays deeper than `max` (iterative: a deep value cannot overflow the stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether `value` as JSON takes more than `limit` bytes of UTF-8 (browser-safe: no Buffer). */
export function jsonLargerThan(value: unknown, limit: number): boolean {
  const text = JSON.stringify(value) ?? "";
  // A UTF-16 code unit takes 1 to 3 bytes of UTF-8: encode only when the length cannot decide.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).byteLength > limit;
}
