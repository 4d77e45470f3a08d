import { db } from "../db/client";
import { settleTextsOfCancelledRuns } from "../messaging/failed-sends";

// Run history stays true when Inngest cancels a run-flow function (its cancelOn): these record the
// cancellation on the FlowRun rows. Only unfinished runs change, so a repeat changes nothing.

/** A contact opted out: their running and waiting runs (but `keepRunId`, the run that took the STOP) become cancelled. */
export async function recordContactRunsCancelled(options: { clientId: string; contactE164: string; keepRunId?: string | null; reason?: string | null }): Promise<number> {
  const cancelled = await db.flowRun.updateManyAndReturn({
    where: {
      clientId: options.clientId,
      callerNumber: options.contactE164,
      status: { in: ["running", "waiting"] },
      ...(options.keepRunId ? { id: { not: options.keepRunId } } : {}),
    },
    data: { status: "cancelled", error: `Cancelled: the contact opted out (${options.reason ?? "replied STOP"}).`, endedAt: new Date() },
    select: { id: true },
  });
  // Their texts waiting for a next attempt will not get one.
  await settleTextsOfCancelledRuns(cancelled.map((r) => r.id), { reason: options.reason ?? "replied STOP", optedOut: true });
  return cancelled.length;
}

/**
 * Ops cancelled one run: it becomes cancelled with their reason, if it had not finished already
 * (cancelRun has usually recorded that), and its texts waiting for a next attempt are settled.
 */
export async function recordRunCancelled(options: { runId: string; reason: string }): Promise<number> {
  const { count } = await db.flowRun.updateMany({
    where: { id: options.runId, status: { in: ["running", "waiting"] } },
    data: { status: "cancelled", error: options.reason, endedAt: new Date() },
  });
  const run = await db.flowRun.findUnique({ where: { id: options.runId }, select: { status: true } });
  if (run?.status === "cancelled") await settleTextsOfCancelledRuns([options.runId], { reason: options.reason, optedOut: false });
  return count;
}
