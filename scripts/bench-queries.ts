// npm run bench:queries (after npm run seed:scale) — p50/p95 of the runs-list, failed-sends, dashboard,
export {};
// clients-page, flows, inbox, contacts and appointments queries against 1,000,000 runs, through the
// same service functions the app calls.
process.env.DATABASE_URL = process.env.SCALE_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback_scale";
const { listRuns } = await import("../server/runs/run-service");
const { listFailedSends } = await import("../server/messaging/failed-sends");
const { getDashboard } = await import("../server/dashboard/dashboard-service");
const { clientActivity } = await import("../server/dashboard/client-activity");
const { goLiveChecklists } = await import("../server/clients/go-live");
const { listFlows } = await import("../server/flows/flow-service");
const { listThreads } = await import("../server/inbox/inbox-service");
const { listContacts, listAppointments } = await import("../server/contacts/contact-service");
const { db } = await import("../server/db/client");

const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const clients = Array.from({ length: 50 }, (_, i) => `c${i}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function measure(label: string, fn: (i: number) => Promise<unknown>, repeat = REPEAT) {
  await fn(0); // warm-up
  const ms: number[] = [];
  for (let i = 1; i <= repeat; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  console.log(`| ${label} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 95).toFixed(1)} |`);
}

console.log(`runs: ${await db.flowRun.count()} · ${REPEAT} runs per query after a warm-up\n`);
console.log("| query | p50 ms | p95 ms |\n|---|---|---|");
await measure("runs list, one client, newest 50", (i) => listRuns({ clientIds: [clients[i % 50]], filters: {}, limit: 50 }));
await measure("runs list, one client, failed only", (i) => listRuns({ clientIds: [clients[i % 50]], filters: { status: "failed" }, limit: 50 }));
await measure("runs list, one client, caller search", (i) => listRuns({ clientIds: [clients[i % 50]], filters: { caller: "7730001" }, limit: 50 }));
await measure("runs list, agency (50 clients), newest 50", () => listRuns({ clientIds: clients, filters: {}, limit: 50 }));
await measure("failed sends, one client", (i) => listFailedSends({ clientIds: [clients[i % 50]] }));
await measure("failed sends, agency", () => listFailedSends({ clientIds: clients }));
await measure("dashboard, one client, 30 days", (i) => getDashboard({ clientIds: [clients[i % 50]], days: 30 }));
await measure("dashboard, agency (50 clients), 30 days", () => getDashboard({ clientIds: clients, days: 30 }), Number(process.env.BENCH_AGENCY_REPEAT ?? 5));
await measure("clients page cards (50 clients, 30 days)", () => clientActivity({ clientIds: clients, days: 30, now: new Date() }));
await measure("clients page health (50 clients, 7 days)", () => clientActivity({ clientIds: clients, days: 7, now: new Date() }));
await measure("go-live checklists (50 clients)", () => goLiveChecklists(clients));
await measure("flows list, one client", (i) => listFlows({ clientId: clients[i % 50] }));
await measure("inbox threads, one client", (i) => listThreads({ clientId: clients[i % 50] }));
await measure("contacts, one client", (i) => listContacts({ clientId: clients[i % 50] }));
await measure("appointments, one client", (i) => listAppointments({ clientId: clients[i % 50] }));
await db.$disconnect();
