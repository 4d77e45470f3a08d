import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { getDashboard } from "./dashboard-service";

// The RunBranchDay rollup is kept by database triggers (see its migration). These tests write runs and
// replies the way the run recorder does — the trace replaced whole as it grows, waitForReply steps
// upserted then finished with the reply — many at once, and compare the rollup with the truth.
let t: Awaited<ReturnType<typeof createTenants>>;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  t = await createTenants();
  const clientId = t.clients.greenfield.id;
  ({ id: flowId } = await t.callers.admin.flows.create({ clientId, name: "Follow-up", starter: "business-hours" }));
  await t.callers.admin.flows.publish({ clientId, flowId, note: null });
  versionId = (await db.flowVersion.findFirstOrThrow({ where: { flowId } })).id;
}, 30_000);

const event = (nodeId: string, kind: string, name: string, handle: string | null) => ({ nodeId, kind, name, handle, visit: 1, at: "2026-03-10T03:00:00.000Z" });

async function rollup() {
  const rows = await db.runBranchDay.findMany({ where: { flowId }, orderBy: [{ nodeId: "asc" }, { handle: "asc" }] });
  return rows.map((r) => [r.day.toISOString().slice(0, 10), r.nodeId, r.handle, r.runs, r.replied]);
}

describe("the dashboard rollup", () => {
  it("counts every branch and every reply exactly once when runs, traces and replies are written concurrently", async () => {
    const clientId = t.clients.greenfield.id; // America/Chicago: 03:00 UTC on the 10th is the 9th
    const plans = Array.from({ length: 24 }, (_, i) => ({ closed: i % 3 !== 0, replies: i % 4 === 0 ? 2 : i % 4 === 1 ? 1 : 0 }));
    await Promise.all(
      plans.map(async (plan, i) => {
        const run = await db.flowRun.create({
          data: { clientId, flowId, flowVersionId: versionId, triggerEventId: `CArollup${i}`, status: "running", startedAt: new Date("2026-03-10T03:00:00Z") },
        });
        const trace = [event("trigger", "trigger.missedCall", "Missed call", "next")];
        const hours = event("hours", "condition.businessHours", "Open now?", plan.closed ? "closed" : "open");
        const text = event("text", "action.sendSms", "Text back", "sent");
        // The path grows (the recorder replaces it whole each time), while replies land at the same time.
        const growPath = async () => {
          for (const next of [hours, text, event("wait", "wait.reply", "Wait for reply", plan.replies ? "replied" : "timeout"), event("done", "end", "Done", null)]) {
            trace.push(next);
            await db.flowRun.update({ where: { id: run.id }, data: { trace: [...trace] } });
          }
          await db.flowRun.update({ where: { id: run.id }, data: { trace: [...trace], status: "completed" } }); // same path again: no change
        };
        const reply = async (k: number) => {
          const stepId = `waitForReply:wait${k ? `#${k + 1}` : ""}`;
          await db.runStep.upsert({
            where: { runId_stepId: { runId: run.id, stepId } },
            create: { runId: run.id, stepId, nodeId: "wait", kind: "waitForReply", status: "waiting" },
            update: {},
          });
          const output = { reply: { body: "yes", at: "2026-03-10T03:01:00.000Z" }, at: "2026-03-10T03:01:00.000Z" };
          await db.runStep.update({ where: { runId_stepId: { runId: run.id, stepId } }, data: { status: "completed", output } });
          await db.runStep.update({ where: { runId_stepId: { runId: run.id, stepId } }, data: { output, attempt: 2 } }); // a replayed step
        };
        await Promise.all([growPath(), ...Array.from({ length: plan.replies }, (_, k) => reply(k))]);
      }),
    );

    const replied = plans.filter((p) => p.replies > 0);
    const closed = plans.filter((p) => p.closed);
    const open = plans.filter((p) => !p.closed);
    const day = "2026-03-09";
    expect(await rollup()).toEqual([
      [day, "", "", 24, replied.length],
      [day, "hours", "closed", closed.length, closed.filter((p) => p.replies).length],
      [day, "hours", "open", open.length, open.filter((p) => p.replies).length],
      [day, "text", "sent", 24, replied.length],
      [day, "trigger", "next", 24, replied.length],
      [day, "wait", "replied", replied.length, replied.length],
      [day, "wait", "timeout", 24 - replied.length, 0],
    ]);
    // The dashboard reads it by the client's own days: in on the 9th, out from the 10th.
    const onThe = async (iso: string) => (await getDashboard({ clientIds: [clientId], days: 1, now: new Date(iso) })).replyRateByFlow;
    expect((await onThe("2026-03-10T04:59:00Z")).map((f) => [f.runs, f.replied, f.branches.map((b) => `${b.node}/${b.branch}`)])).toEqual([
      [24, replied.length, ["Open now?/Open", "Open now?/Closed", "Text back/Sent", "Wait for reply/Replied", "Wait for reply/No reply"]],
    ]);
    expect(await onThe("2026-03-10T05:00:00Z")).toEqual([]);
  });

  it("takes a deleted run's counts with it, replies included", async () => {
    const runs = await db.flowRun.findMany({ where: { flowId }, include: { steps: true }, orderBy: { triggerEventId: "asc" } });
    const gone = runs.slice(0, 9);
    await Promise.all(gone.map((r) => db.flowRun.delete({ where: { id: r.id } })));
    // The truth, recomputed from what is left: every path's (node, handle) pairs and replies.
    const left = runs.slice(9);
    const replied = (r: (typeof left)[number]) => r.steps.some((s) => (s.output as { reply?: unknown } | null)?.reply);
    const counts = new Map<string, [number, number]>();
    for (const r of left) {
      const pairs = new Set(["/", ...(r.trace as { nodeId: string; handle: string | null }[]).filter((e) => e.handle).map((e) => `${e.nodeId}/${e.handle}`)]);
      for (const key of pairs) {
        const [n, k] = counts.get(key) ?? [0, 0];
        counts.set(key, [n + 1, k + (replied(r) ? 1 : 0)]);
      }
    }
    const rows = (await rollup()).filter(([, , , n]) => n !== 0);
    expect(rows.map(([, node, handle, n, k]) => [`${node}/${handle}`, n, k])).toEqual(
      [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, [n, k]]) => [key, n, k]),
    );
    // The set-based rebuild (bulk loads, timezone changes) comes to the same numbers as the triggers.
    const kept = rows;
    await db.$executeRaw`SELECT "run_branch_day_rebuild"()`;
    expect(await rollup()).toEqual(kept);
  });

  it("counts a reply once when the recorder writes it in the same statement as the path it leads to", async () => {
    const clientId = t.clients.greenfield.id;
    const { id: flow } = await t.callers.admin.flows.create({ clientId, name: "One statement", starter: "business-hours" });
    await t.callers.admin.flows.publish({ clientId, flowId: flow, note: null });
    const version = (await db.flowVersion.findFirstOrThrow({ where: { flowId: flow } })).id;
    const trigger = event("trigger", "trigger.missedCall", "Missed call", "next");
    const run = await db.flowRun.create({
      data: { clientId, flowId: flow, flowVersionId: version, triggerEventId: "CAonestatement", status: "waiting", startedAt: new Date("2026-03-10T03:00:00Z"), trace: [trigger] },
    });
    await db.runStep.create({ data: { runId: run.id, stepId: "waitForReply:wait", nodeId: "wait", kind: "waitForReply", status: "waiting" } });
    // As run-recorder does: the wait's end and the run's progress in one statement (data-modifying CTE).
    const trace = [trigger, event("wait", "wait.reply", "Wait for reply", "replied"), event("done", "end", "Done", null)];
    await db.$executeRaw`
      WITH finished AS (
        UPDATE "RunStep" SET "status" = 'completed', "output" = ${JSON.stringify({ reply: { body: "yes" } })}::jsonb
         WHERE "runId" = ${run.id} AND "stepId" = 'waitForReply:wait' RETURNING 1
      )
      UPDATE "FlowRun" SET "trace" = ${JSON.stringify(trace)}::jsonb, "status" = 'completed' WHERE "id" = ${run.id}`;
    const rows = await db.runBranchDay.findMany({ where: { flowId: flow }, orderBy: [{ nodeId: "asc" }, { handle: "asc" }] });
    expect(rows.map((r) => [r.nodeId, r.handle, r.runs, r.replied])).toEqual([
      ["", "", 1, 1],
      ["trigger", "next", 1, 1],
      ["wait", "replied", 1, 1],
    ]);
  });

  it("a flow deleted with its runs takes its rollup rows with it", async () => {
    const clientId = t.clients.greenfield.id;
    const { id } = await t.callers.admin.flows.create({ clientId, name: "Short-lived", starter: "text-back" });
    await t.callers.admin.flows.publish({ clientId, flowId: id, note: null });
    const version = await db.flowVersion.findFirstOrThrow({ where: { flowId: id } });
    await db.flowRun.create({ data: { clientId, flowId: id, flowVersionId: version.id, triggerEventId: "CArollup-deleted-flow", trace: [event("trigger", "trigger.missedCall", "Missed call", "next")] } });
    expect(await db.runBranchDay.count({ where: { flowId: id } })).toBe(2);
    await db.flow.delete({ where: { id } });
    expect(await db.runBranchDay.count({ where: { flowId: id } })).toBe(0);
  });
});
