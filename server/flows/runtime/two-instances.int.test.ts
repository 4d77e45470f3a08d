import twilio from "twilio";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db/client";
import { startLocalInngest, type LocalInngest } from "../../doubles/inngest-server";
import { eventually } from "../../testing/app-harness";
import { freePort, startAppProcess, type AppProcess } from "../../testing/app-process";
import { startRoundRobinProxy, type RoundRobinProxy } from "../../testing/round-robin-proxy";
import type { FakeTwilio } from "../../doubles/twilio/server";

// Two app instances behind a round-robin balancer, one engine, one database: the app holds no
// state, so losing an instance in the middle of a burst of missed calls loses no call and texts
// none twice. Webhooks that got no answer are sent again, as Twilio does with connection overrides
// (`#rc=3&rp=5xx,ct,rt`); the engine retries serve calls that failed.

const token = "fake-twilio-auth-token";
const account = `AC${"0".repeat(32)}`;
let engine: LocalInngest;
let fake: FakeTwilio;
let proxy: RoundRobinProxy;
const instances: AppProcess[] = [];
let ports: number[];
let business: string;

beforeAll(async () => {
  engine = await startLocalInngest({ port: 0, syncIntervalMs: 0, retryBaseMs: 50, log: () => {} });
  ports = [await freePort(), await freePort()];
  proxy = await startRoundRobinProxy({ backends: ports.map((p) => `http://127.0.0.1:${p}`) });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.PUBLIC_BASE_URL = proxy.url;
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;
  const { startFakeTwilio } = await import("../../doubles/twilio/server");
  fake = await startFakeTwilio({ port: 0, appBaseUrl: proxy.url, accountSid: account, authToken: token, statusDelayMs: 10 });
  process.env.FAKE_TWILIO_URL = fake.url;
  for (const port of ports) instances.push(await startAppProcess({ port, env: process.env }));
  const synced = await (await fetch(`${engine.url}/control/apps/sync`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: `${proxy.url}/api/inngest` }) })).json();
  if (!(synced as { ok: boolean }).ok) throw new Error(`the app did not sync: ${JSON.stringify(synced)}`);

  const { createTenants } = await import("../../testing/tenants");
  const t = await createTenants();
  const clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(instances.map((i) => i.kill("SIGKILL")));
  await Promise.allSettled([proxy?.close(), fake?.close(), engine?.close()]);
}, 30_000);

/** A signed webhook, sent again (up to 4 times) while it gets no 2xx, as Twilio does. */
async function webhook(path: string, params: Record<string, string>) {
  const url = `${proxy.url}${path}`;
  for (let attempt = 1; ; attempt++) {
    const status = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, params) },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(15_000),
    }).then(async (r) => (await r.text(), r.status), () => 0);
    if (status >= 200 && status < 300) return attempt;
    if (attempt === 4) throw new Error(`${path} for ${params.From} got ${status} four times`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

async function missedCall(n: number) {
  const base = { CallSid: `CA${(0xa000 + n).toString(16).padStart(32, "0")}`, AccountSid: account, From: `+1312556${String(1000 + n).slice(-4)}`, To: business };
  await webhook("/api/twilio/voice", { ...base, CallStatus: "ringing" });
  return webhook("/api/twilio/dial-result", { ...base, CallStatus: "in-progress", DialCallStatus: "no-answer" });
}

type FakeMessage = { to: string; direction: string };
const textsByCaller = async () => {
  const { messages } = (await (await fetch(`${fake.url}/_fake/messages`)).json()) as { messages: FakeMessage[] };
  const counts = new Map<string, number>();
  for (const m of messages) if (m.direction === "outbound-api") counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
};

it("one of two app instances is killed mid-burst: every missed call is texted once, none twice", async () => {
  const calls = 40;
  const [, doomed] = instances;
  const pending: Promise<number>[] = [];
  let servedByDoomed = 0;
  for (let n = 0; n < calls; n++) {
    pending.push(missedCall(n));
    if (n === 12) {
      // Mid-burst, once the doomed instance has answered some of it, with more in flight.
      servedByDoomed = await eventually("the second instance answering", async () => proxy.served()[`http://127.0.0.1:${ports[1]}`], 15_000);
      void doomed.kill("SIGKILL");
    }
    await new Promise((r) => setTimeout(r, 50)); // 20 calls a second
  }
  await Promise.all(pending);
  const callers = Array.from({ length: calls }, (_, n) => `+1312556${String(1000 + n).slice(-4)}`);
  await eventually("every caller texted", async () => {
    const texts = await textsByCaller();
    return callers.every((c) => texts.has(c));
  }, 60_000, async () => JSON.stringify(Object.fromEntries(await textsByCaller())));
  // A late duplicate (a retried webhook or step that ran twice) would arrive within the engine's retries.
  await new Promise((r) => setTimeout(r, 2_000));
  const texts = await textsByCaller();
  expect(callers.filter((c) => texts.get(c) !== 1)).toEqual([]);
  // Not vacuous: both instances took requests before one died, and the other carried on alone.
  expect(servedByDoomed).toBeGreaterThan(0);
  expect((await doomed.exited).signal).toBe("SIGKILL");
  expect(await db.flowRun.count({ where: { callerNumber: { in: callers }, status: "completed" } })).toBe(calls);
}, 120_000);
