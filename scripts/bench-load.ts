// The load generator of `npm run bench`: fires signed Twilio webhooks at a set rate and reads what
// the fake Twilio received. It runs in the benchmark's own process, apart from the app.
import twilio from "twilio";
import type { BenchStack } from "./bench-stack";

const token = "fake-twilio-auth-token";
const account = `AC${"0".repeat(32)}`;
let seq = 0;
const nextSid = () => `CA${(++seq).toString(16).padStart(32, "0")}`;
const callerFor = (n: number) => `+1312${String(2000000 + n).padStart(7, "0")}`;

export type PhaseResult = {
  rate: number;
  calls: number;
  /** Calls per second the generator actually managed to start. */
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  hookP50: number;
  hookP99: number;
  /** From the last webhook to the last text: how far the texts fell behind the calls. */
  drainedMs: number;
  /** Webhook answers other than 2xx (Twilio would retry those), and which. */
  errors: number;
  errorStatuses: Record<string, number>;
  lost: number;
  dup: number;
  serveCallsPerRun: number;
  queriesPerCall: number | null;
  /** CPU ms per call, per process (app instances, engine, fake, postgres, load generator…). */
  cpuPerCall: Record<string, number>;
  topQueries: [string, number][];
};

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function post(appUrl: string, path: string, params: Record<string, string>) {
  // Twilio signs the public URL it posts to; the app checks against PUBLIC_BASE_URL (= appUrl).
  const url = `${appUrl}${path}`;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, params) },
      body: new URLSearchParams(params).toString(),
      // Twilio waits 15 s for a webhook's answer, then gives up on it.
      signal: AbortSignal.timeout(15_000),
    });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

type FakeMessage = { to: string; dateCreated: string; direction: string };
async function outboundTexts(stack: BenchStack): Promise<FakeMessage[]> {
  const body = (await (await fetch(`${stack.fakeUrl}/_fake/messages`)).json()) as { messages: FakeMessage[] };
  return body.messages.filter((m) => m.direction === "outbound-api");
}

/**
 * `rate` missed calls a second for `seconds`: each is the voice webhook (ringing) and then the
 * dial-result webhook saying nobody answered, which is when the clock starts. Waits for the
 * texts while they keep coming (`drainMs` without a new one ends it), then a moment more so a
 * late duplicate would be seen.
 */
export async function runPhase(stack: BenchStack, business: string, rate: number, seconds: number, drainMs: number): Promise<PhaseResult> {
  await fetch(`${stack.fakeUrl}/_fake/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const total = Math.round(rate * seconds);
  const sentAt = new Map<string, number>();
  const hookMs: number[] = [];
  let errors = 0;
  const errorStatuses: Record<string, number> = {};
  const failed = (status: number) => {
    errors++;
    const key = status === 0 ? "no answer within 15 s" : String(status);
    errorStatuses[key] = (errorStatuses[key] ?? 0) + 1;
  };
  // The app writes its statement counts twice a second: let earlier work land in them first.
  await new Promise((r) => setTimeout(r, 700));
  const serveBefore = await stack.serveCalls();
  const cpuBefore = await stack.cpuMs();
  const queriesBefore = stack.queryCounts();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const caller = callerFor(seq + 1);
    const base = { CallSid: nextSid(), AccountSid: account, From: caller, To: business };
    pending.push(
      (async () => {
        const voice = await post(stack.appUrl, "/api/twilio/voice", { ...base, CallStatus: "ringing" });
        if (voice.status < 200 || voice.status > 299) failed(voice.status);
        sentAt.set(caller, Date.now());
        const r = await post(stack.appUrl, "/api/twilio/dial-result", { ...base, CallStatus: "in-progress", DialCallStatus: "no-answer" });
        if (r.status < 200 || r.status > 299) failed(r.status);
        hookMs.push(r.ms);
      })(),
    );
  }
  const achieved = total / ((performance.now() - start) / 1000);
  await Promise.all(pending);
  const lastSent = Math.max(...sentAt.values());
  // A backlog drains at the system's own pace: wait while texts keep coming, up to `drainMs`
  // without a new one (then what is missing is lost, not late).
  let messages: FakeMessage[] = [];
  let progressAt = Date.now();
  while (Date.now() - progressAt < drainMs) {
    const now = await outboundTexts(stack);
    if (now.length > messages.length) progressAt = Date.now();
    messages = now;
    if (messages.length >= total) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 1_500));
  messages = await outboundTexts(stack);

  const byCaller = new Map<string, number[]>();
  for (const m of messages) byCaller.set(m.to, [...(byCaller.get(m.to) ?? []), Date.parse(m.dateCreated)]);
  const drainedMs = messages.length ? Math.max(...messages.map((m) => Date.parse(m.dateCreated))) - lastSent : NaN;
  const latencies = [...sentAt].flatMap(([caller, at]) => {
    const first = byCaller.get(caller)?.sort((a, b) => a - b)[0];
    return first === undefined ? [] : [first - at];
  });
  // Status callbacks of the last texts land after the drain; give the counters a moment.
  await new Promise((r) => setTimeout(r, 1_000));
  const queriesAfter = stack.queryCounts();
  const cpuAfter = await stack.cpuMs();
  const byStatement = queriesAfter
    ? Object.entries(queriesAfter.byStatement)
        .map(([key, n]): [string, number] => [key, (n - (queriesBefore?.byStatement[key] ?? 0)) / total])
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
    : [];
  return {
    rate,
    calls: total,
    achieved,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    hookP50: pct(hookMs, 50),
    hookP99: pct(hookMs, 99),
    errors,
    errorStatuses,
    drainedMs,
    lost: [...sentAt.keys()].filter((c) => !byCaller.has(c)).length,
    dup: [...byCaller.values()].filter((v) => v.length > 1).length,
    serveCallsPerRun: ((await stack.serveCalls()) - serveBefore) / total,
    queriesPerCall: queriesAfter ? (queriesAfter.total - (queriesBefore?.total ?? 0)) / total : null,
    topQueries: byStatement,
    cpuPerCall: Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, (v - (cpuBefore[k] ?? 0)) / total])),
  };
}

/**
 * The bare signed webhook that only stores a row: `requests` of them with `concurrency` in flight,
 * after `warm` unmeasured ones (the first requests to a route load its module and fill pools).
 */
export async function runBaseline(stack: BenchStack, business: string, options: { requests: number; concurrency: number; warm: number }) {
  let n = 0;
  const one = async () => {
    const i = n++;
    const r = await post(stack.appUrl, "/api/bench/bare-webhook", { CallSid: nextSid(), AccountSid: account, From: callerFor(900000 + i), To: business });
    if (r.status !== 200) throw new Error(`the bare webhook answered ${r.status}`);
    return r.ms;
  };
  const run = async (requests: number) => {
    const ms: number[] = [];
    let left = requests;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (left-- > 0) ms.push(await one());
      }),
    );
    return ms;
  };
  await run(options.warm);
  const cpuBefore = await stack.cpuMs();
  const started = performance.now();
  const ms = await run(options.requests);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await stack.cpuMs();
  const cpuPerCall = Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, (v - (cpuBefore[k] ?? 0)) / options.requests]));
  return { p50: pct(ms, 50), p99: pct(ms, 99), perSecond: options.requests / seconds, cpuPerCall };
}
