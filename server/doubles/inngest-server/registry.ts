import { z } from "zod";
import { parseCron } from "./cron";
import { compileExpression } from "./expressions";
import { stableUuid } from "./ids";
import type { CancelRule, ConcurrencyRule, RegisteredApp, RegisteredFunction, Trigger } from "./types";

/** Inngest retries a function 4 times after the first attempt unless told otherwise. */
export const DEFAULT_RETRIES = 4;
/** Inngest's ceiling for `retries`. */
const MAX_RETRIES = 20;

/** Options Inngest enforces that this engine accepts but does not enforce. */
const RECORDED_ONLY = ["batchEvents", "rateLimit", "throttle", "debounce", "priority", "timeouts", "singleton"];

const FunctionSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    triggers: z.array(z.record(z.string(), z.unknown())).default([]),
    steps: z.record(
      z.string(),
      z
        .object({
          runtime: z.object({ url: z.string().optional() }).passthrough().optional(),
          retries: z.object({ attempts: z.number().optional() }).passthrough().optional(),
        })
        .passthrough(),
    ),
    cancel: z.array(z.object({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() })).optional(),
    concurrency: z
      .union([
        z.number(),
        z.array(z.object({ limit: z.number(), key: z.string().optional(), scope: z.string().optional() }).passthrough()),
        z.object({ limit: z.number(), key: z.string().optional(), scope: z.string().optional() }).passthrough(),
      ])
      .optional()
      .nullable(),
    idempotency: z.string().optional().nullable(),
  })
  .passthrough();

const RegisterSchema = z
  .object({
    url: z.string().min(1),
    appName: z.string().min(1),
    framework: z.string().optional(),
    sdk: z.string().optional(),
    functions: z.array(FunctionSchema).default([]),
  })
  .passthrough();

export type RegisterResult =
  | { ok: true; app: RegisteredApp; functions: RegisteredFunction[]; modified: boolean; warnings: string[] }
  | { ok: false; error: string };

/**
 * Turns the SDK's sync payload into functions the engine can run. Invalid input is refused with a
 * reason (the SDK shows it to the developer), as Inngest refuses it.
 */
export function parseRegistration(body: unknown, now: number, previous?: RegisteredFunction[]): RegisterResult {
  const parsed = RegisterSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: `invalid sync payload: ${z.prettifyError(parsed.error).replaceAll("\n", "; ")}` };
  }
  const { url, appName, framework, sdk } = parsed.data;
  const warnings: string[] = [];
  const functions: RegisteredFunction[] = [];
  for (const raw of parsed.data.functions) {
    const result = normaliseFunction(raw, appName);
    if ("error" in result) return { ok: false, error: result.error };
    functions.push(result.fn);
    if (result.fn.ignoredOptions.length) {
      warnings.push(`${result.fn.id}: ${result.fn.ignoredOptions.join(", ")} accepted but not enforced by the local engine`);
    }
  }
  const app: RegisteredApp = { id: appName, url, framework, sdk, syncedAt: now, functionIds: functions.map((fn) => fn.id) };
  const fingerprint = (list: RegisteredFunction[]) => JSON.stringify(list.map((fn) => fn.config));
  const modified = !previous || fingerprint(previous) !== fingerprint(functions);
  return { ok: true, app, functions, modified, warnings };
}

function normaliseFunction(
  raw: z.infer<typeof FunctionSchema>,
  appId: string,
): { fn: RegisteredFunction } | { error: string } {
  const step = raw.steps.step ?? Object.values(raw.steps)[0];
  const url = step?.runtime?.url;
  if (!url || !URL.canParse(url)) return { error: `function ${raw.id} has no usable step runtime url (${JSON.stringify(url)})` };

  const triggers: Trigger[] = raw.triggers.map((t) => ({
    event: typeof t.event === "string" ? t.event : undefined,
    expression: typeof t.expression === "string" && t.expression ? t.expression : undefined,
    cron: typeof t.cron === "string" ? t.cron : undefined,
  }));
  const cancel: CancelRule[] = (raw.cancel ?? []).map((c) => ({ event: c.event, if: c.if || undefined, timeout: c.timeout }));

  // Expressions are checked now so a typo fails the sync, not a run a day later.
  const expressions = [
    ...triggers.map((t) => t.expression),
    ...cancel.map((c) => c.if),
    ...concurrencyRules(raw.concurrency).map((c) => c.key),
    raw.idempotency ?? undefined,
  ];
  for (const expression of expressions) {
    if (!expression) continue;
    try {
      compileExpression(expression);
    } catch (error) {
      return { error: `function ${raw.id}: ${(error as Error).message}` };
    }
  }

  for (const { cron } of triggers) {
    const parsed = cron ? parseCron(cron) : undefined;
    if (parsed && "error" in parsed) return { error: `function ${raw.id}: ${parsed.error}` };
  }

  const ignoredOptions = RECORDED_ONLY.filter((key) => raw[key] !== undefined && raw[key] !== null);

  const attempts = step?.retries?.attempts;
  const retries = typeof attempts === "number" ? Math.min(MAX_RETRIES, Math.max(0, Math.floor(attempts))) : DEFAULT_RETRIES;

  return {
    fn: {
      id: raw.id,
      internalId: stableUuid(raw.id),
      appId,
      name: raw.name ?? raw.id,
      url,
      triggers,
      retries,
      cancel,
      concurrency: concurrencyRules(raw.concurrency),
      idempotency: raw.idempotency || undefined,
      ignoredOptions,
      config: raw as Record<string, unknown>,
    },
  };
}

function concurrencyRules(value: z.infer<typeof FunctionSchema>["concurrency"]): ConcurrencyRule[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === "number" ? [{ limit: value }] : Array.isArray(value) ? value : [value];
  return list
    .filter((rule) => rule.limit > 0)
    .map((rule) => ({
      limit: rule.limit,
      key: "key" in rule && typeof rule.key === "string" && rule.key ? rule.key : undefined,
      scope: "scope" in rule && (rule.scope === "env" || rule.scope === "account") ? rule.scope : "fn",
    }));
}

/** Trigger event names may end in `*` (`app/*`), as on Inngest. */
export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}
