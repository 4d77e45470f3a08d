import { parse } from "@marcbachmann/cel-js";

/**
 * CEL expressions, as Inngest evaluates them for trigger `expression`s, `waitForEvent`'s `if`,
 * `cancelOn`'s `if`, concurrency `key`s and `idempotency` keys. A real CEL implementation is used
 * so an expression that works here works on Inngest, and one Inngest rejects fails here too.
 */

type Compiled = ReturnType<typeof parse>;

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 500;

/** Parses once per distinct expression; throws a readable error when the text is not CEL. */
export function compileExpression(expression: string): Compiled {
  let compiled = cache.get(expression);
  if (!compiled) {
    try {
      compiled = parse(expression);
    } catch (error) {
      throw new Error(`invalid CEL expression ${JSON.stringify(expression)}: ${firstLine(error)}`);
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expression, compiled);
  }
  return compiled;
}

/** The expression's value, converted back to plain JSON-ish JS (bigint → number). */
export function evaluateExpression(expression: string, variables: Record<string, unknown>): unknown {
  const compiled = compileExpression(expression);
  const context: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) context[name] = toCel(value);
  return fromCel(compiled(context));
}

export type MatchResult = { matched: boolean; error?: string };

/**
 * Whether a boolean expression holds. A missing field or a type mismatch is "no match", as on
 * Inngest, with the reason kept so logs can say why an event did not match.
 */
export function matchesExpression(expression: string, variables: Record<string, unknown>): MatchResult {
  try {
    return { matched: evaluateExpression(expression, variables) === true };
  } catch (error) {
    return { matched: false, error: firstLine(error) };
  }
}

/**
 * JSON numbers become CEL ints when whole (so `event.data.count + 1` works) and doubles otherwise;
 * CEL compares ints and doubles across types, so either form of a literal matches.
 */
function toCel(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = toCel(inner);
    return out;
  }
  return value;
}

function fromCel(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].trim();
}
