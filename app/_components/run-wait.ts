import { formatBusinessDayTime } from "./business-time";

/** A run step as the run page has it: the effect it started with is its input. */
export interface WaitStep {
  kind: string;
  status: string;
  input: unknown;
}

/**
 * What a waiting run waits for, in words: "held for quiet hours until Tue Dec 3, 8:00 AM CST",
 * "waiting until the business opens (Mon Dec 7, 8:00 AM CST)", "waiting for a reply until …".
 * Null when the run waits at no sleep or reply wait. Times in the business's timezone.
 */
export function describeWait(steps: readonly WaitStep[], timezone: string): string | null {
  const step = [...steps].reverse().find((s) => s.status === "waiting" && (s.kind === "sleep" || s.kind === "waitForReply"));
  if (!step) return null;
  const input = (step.input ?? {}) as { until?: string; reason?: string; deadline?: string };
  if (step.kind === "waitForReply") return input.deadline ? `waiting for a reply until ${formatBusinessDayTime(input.deadline, timezone)}` : "waiting for a reply";
  if (!input.until) return "waiting";
  const when = formatBusinessDayTime(input.until, timezone);
  if (input.reason === "quietHours") return `held for quiet hours until ${when}`;
  if (input.reason === "untilOpen") return `waiting until the business opens (${when})`;
  return `waiting until ${when}`;
}
