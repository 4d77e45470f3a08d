import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../db/client";
import { eventually, type AppHarness } from "../../testing/app-harness";
import { startOwnPostgres, type OwnPostgres } from "../../testing/own-postgres";

// PostgreSQL restarts in the middle of a burst of missed calls. Every webhook is either processed
// or answered with a 5xx, which Twilio retries; the test retries those as Twilio would and then
// requires exactly one run and one text per call: nothing lost silently, nothing doubled.
// The database is a cluster of this test's own, so stopping it disturbs no other test file.

const CALLS = 24;
const MAX_DELIVERIES = 40;

let cluster: OwnPostgres;
let h: AppHarness;
let db: PrismaClient;
let business: string;

beforeAll(async () => {
  cluster = await startOwnPostgres();
  const url = cluster.urlFor("ringback");
  const { ensureDatabase, migrate } = await import("../../db/migrator");
  await ensureDatabase(url);
  await migrate({ databaseUrl: url });
  // The app's modules are loaded only now, so its Prisma client connects to this cluster.
  process.env.DATABASE_URL = url;
  delete (globalThis as { prisma?: unknown }).prisma;
  ({ db } = await import("../../db/client"));
  const [{ port }] = await db.$queryRaw<{ port: number }[]>`SELECT current_setting('port')::int AS port`;
  if (port !== cluster.port) throw new Error(`the app's database is on port ${port}, not the test's own cluster on ${cluster.port}`);

  const { startAppHarness } = await import("../../testing/app-harness");
  // Backoff long enough to outlast the restart, as Inngest's does (seconds, not milliseconds).
  h = await startAppHarness({ retryBaseMs: 500 });
  const { createTenants } = await import("../../testing/tenants");
  const t = await createTenants();
  const clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await db?.$disconnect();
  await cluster?.destroy();
}, 60_000);

type Delivery = { path: string; status: number };

/** One signed webhook, re-delivered while the app answers 5xx or cannot be reached, as Twilio does. */
async function deliver(path: string, params: Record<string, string>, log: Delivery[]) {
  const { default: twilio } = await import("twilio");
  const url = `${h.appUrl}${path}`;
  for (let attempt = 1; attempt <= MAX_DELIVERIES; attempt++) {
    const status = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature("fake-twilio-auth-token", url, params) },
      body: new URLSearchParams(params).toString(),
    }).then(
      (r) => r.status,
      () => 599,
    );
    log.push({ path, status });
    if (status < 500) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${path} for ${params.CallSid} still failed after ${MAX_DELIVERIES} deliveries`);
}

async function missedCall(i: number, log: Delivery[]) {
  const CallSid = `CA${i.toString(16).padStart(32, "0")}`;
  const base = { CallSid, AccountSid: "AC00000000000000000000000000000000", From: `+131255510${String(i).padStart(2, "0")}`, To: business };
  const voice = await deliver("/api/twilio/voice", { ...base, CallStatus: "ringing" }, log);
  const dial = await deliver("/api/twilio/dial-result", { ...base, CallStatus: "in-progress", DialCallStatus: "no-answer" }, log);
  return { CallSid, from: base.From, statuses: [voice, dial] };
}

describe("PostgreSQL restarted during a burst of missed calls", () => {
  it("every call is processed once or answered 5xx and retried: one run and one text per call", async () => {
    const log: Delivery[] = [];
    const firstHalf = Array.from({ length: CALLS / 2 }, (_, i) => missedCall(i, log));
    // Half the burst is in flight when the database goes down; the other half arrives while it is down.
    await new Promise((r) => setTimeout(r, 30));
    await cluster.stop();
    const secondHalf = Array.from({ length: CALLS / 2 }, (_, i) => missedCall(CALLS / 2 + i, log));
    await new Promise((r) => setTimeout(r, 1_000));
    await cluster.start();
    const calls = await Promise.all([...firstHalf, ...secondHalf]);

    // Every delivery ended in a 200 (no 4xx: nothing was refused), and the outage was really hit.
    expect(calls.flatMap((c) => c.statuses).every((s) => s === 200)).toBe(true);
    expect(log.filter((d) => d.status >= 500).length).toBeGreaterThan(0);

    const explain = async () => JSON.stringify(await h.control("/control/runs?status=failed"), null, 1).slice(0, 3000);
    await eventually(
      "a completed run for every call",
      async () => (await db.flowRun.count({ where: { triggerEventId: { in: calls.map((c) => c.CallSid) }, status: "completed" } })) === CALLS,
      60_000,
      explain,
    );
    const runs = await db.flowRun.groupBy({ by: ["triggerEventId"], _count: { _all: true }, where: { triggerEventId: { in: calls.map((c) => c.CallSid) } } });
    expect(runs).toHaveLength(CALLS);
    expect(runs.every((r) => r._count._all === 1)).toBe(true);
    const { messages } = await h.fake<{ messages: { to: string; direction: string }[] }>("/_fake/messages");
    for (const call of calls) expect(messages.filter((m) => m.direction === "outbound-api" && m.to === call.from), `texts to ${call.from}`).toHaveLength(1);
  }, 120_000);
});
