// npm run bench — signed missed-call webhooks fired at the app (its real webhook handlers, Inngest
// serve handler and functions, on the local engine, texting through the fake Twilio), at set rates.
// Prints, per rate: webhook → text-request latency p50/p95/p99, webhook response p50/p99, lost and
// duplicate texts; the highest sustained rate; a bare signed-webhook baseline that only stores a
// row, and the ratio; serve-handler invocations per run. Uses its own database, ringback_bench.
import os from "node:os";
import twilio from "twilio";
import pg from "pg";

const RATES = (process.env.BENCH_RATES ?? "25,50,100,200").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const DRAIN_MS = 15_000;

const dbUrl = "postgresql://postgres@127.0.0.1:5432/ringback_bench";
const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ringback_bench WITH (FORCE)`);
await admin.query(`CREATE DATABASE ringback_bench`);
await admin.end();
process.env.DATABASE_URL = dbUrl;
const { migrate } = await import("../server/db/migrator");
await migrate({ databaseUrl: dbUrl });

const { startAppHarness } = await import("../server/testing/app-harness");
const { db } = await import("../server/db/client");

// The baseline: a signed webhook that checks the signature, parses, and stores one row.
const h = await startAppHarness({
  retryBaseMs: 200,
  extraRoutes: {
    "/api/twilio/bare": async (request) => {
      // Imported here: server/env.ts must load after the harness set PUBLIC_BASE_URL.
      const { readWebhook } = await import("../server/twilio/webhook-request");
      const { VoiceParams } = await import("../server/twilio/webhook-schemas");
      const read = readWebhook(request, VoiceParams);
      if (!read.ok) return read.response;
      const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: read.params.To } });
      await db.call.create({ data: { callSid: read.params.CallSid, clientId: number.clientId, phoneNumberId: number.id, fromNumber: read.params.From, toNumber: read.params.To, status: "bare" } });
      return { status: 200, headers: { "content-type": "text/xml" }, body: "<Response/>" };
    },
  },
});
const { createTenants } = await import("../server/testing/tenants");
const t = await createTenants();
const clientId = t.clients.greenfield.id;
const business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
const { id: flowId } = await t.callers.owner.flows.create({ clientId, name: "Text back every missed call", starter: "text-back" });
await t.callers.owner.flows.publish({ clientId, flowId, note: null });

const token = "fake-twilio-auth-token";
const account = `AC${"0".repeat(32)}`;
let seq = 0;
const sid = () => `CA${(++seq).toString(16).padStart(32, "0")}`;
const callerFor = (n: number) => `+1312${String(2000000 + n).padStart(7, "0")}`;

async function post(path: string, params: Record<string, string>) {
  const url = `${h.appUrl}${path}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, params) },
    body: new URLSearchParams(params).toString(),
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));

type Result = { rate: number; calls: number; p50: number; p95: number; p99: number; hookP50: number; hookP99: number; lost: number; dup: number; invocationsPerRun: number };

async function phase(rate: number): Promise<Result> {
  await h.fake("/_fake/reset", {});
  const total = rate * SECONDS;
  const sentAt = new Map<string, number>();
  const hookMs: number[] = [];
  const invocationsBefore = h.serveInvocations();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const caller = callerFor(seq + 1);
    const callSid = sid();
    const base = { CallSid: callSid, AccountSid: account, From: caller, To: business };
    pending.push(
      (async () => {
        await post("/api/twilio/voice", { ...base, CallStatus: "ringing" });
        sentAt.set(caller, Date.now());
        const r = await post("/api/twilio/dial-result", { ...base, CallStatus: "in-progress", DialCallStatus: "no-answer" });
        hookMs.push(r.ms);
      })(),
    );
  }
  await Promise.all(pending);
  const deadline = Date.now() + DRAIN_MS;
  let messages: { to: string; dateCreated: string }[] = [];
  while (Date.now() < deadline) {
    messages = (await h.fake<{ messages: { to: string; dateCreated: string; direction: string }[] }>("/_fake/messages")).messages.filter((m) => m.direction === "outbound-api");
    if (messages.length >= total) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const byCaller = new Map<string, number[]>();
  for (const m of messages) byCaller.set(m.to, [...(byCaller.get(m.to) ?? []), Date.parse(m.dateCreated)]);
  const latencies = [...sentAt].flatMap(([caller, at]) => (byCaller.get(caller)?.[0] ? [byCaller.get(caller)![0] - at] : []));
  const runs = total;
  return {
    rate,
    calls: total,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    hookP50: pct(hookMs, 50),
    hookP99: pct(hookMs, 99),
    lost: [...sentAt.keys()].filter((c) => !byCaller.has(c)).length,
    dup: [...byCaller.values()].filter((v) => v.length > 1).length,
    invocationsPerRun: (h.serveInvocations() - invocationsBefore) / runs,
  };
}

async function baseline(n = 300) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await post("/api/twilio/bare", { CallSid: sid(), AccountSid: account, From: callerFor(900000 + i), To: business });
    if (r.status !== 200) throw new Error(`the bare webhook answered ${r.status}`);
    ms.push(r.ms);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

const bare = await baseline();
const results: Result[] = [];
for (const rate of RATES) results.push(await phase(rate));

console.log(`\nRingback benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`flow "Text back every missed call"; ${SECONDS} s per rate; latency = dial-result webhook received → fake Twilio receives the text request\n`);
console.log("| calls/s | calls | webhook→text p50 ms | p95 ms | p99 ms | webhook resp p50 ms | p99 ms | lost | dup | serve-handler calls/run |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(`| ${r.rate} | ${r.calls} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.hookP50)} | ${fmt(r.hookP99)} | ${r.lost} | ${r.dup} | ${r.invocationsPerRun.toFixed(1)} |`);
}
const sustained = results.filter((r) => r.lost === 0 && r.dup === 0).map((r) => r.rate);
console.log(`\nhighest sustained rate with zero lost and zero duplicate texts: ${sustained.length ? Math.max(...sustained) : 0} calls/s`);
console.log(`bare signed webhook that stores a row: p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`);
const at100 = results.find((r) => r.rate === 100) ?? results[results.length - 1];
console.log(`missed-call webhook / bare webhook response (p50): ${(at100.hookP50 / bare.p50).toFixed(2)}×`);
await h.close();
await db.$disconnect();
process.exit(0);
