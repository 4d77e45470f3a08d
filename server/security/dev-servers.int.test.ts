import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInngest, type LocalInngest } from "../doubles/inngest-server";
import { startFakeTwilio, type FakeTwilio } from "../doubles/twilio/server";

// A web page open in the developer's browser must not drive the development doubles: browsers send
// cross-origin `text/plain` posts without asking, and a DNS-rebinding name reaches 127.0.0.1.
let engine: LocalInngest;
let fake: FakeTwilio;

beforeAll(async () => {
  engine = await startLocalInngest({ port: 0, log: () => {} });
  fake = await startFakeTwilio({ port: 0, appBaseUrl: "http://127.0.0.1:9", accountSid: "AC11111111111111111111111111111111", authToken: "secret-token", statusDelayMs: 5 });
});
afterAll(async () => {
  await engine?.close();
  await fake?.close();
});

/** A raw HTTP request, so Host and Origin can be anything a browser might send. */
function send(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(path, base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? "POST", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
const event = JSON.stringify([{ name: "test/hello", id: "cross-origin-1", data: {} }]);
const eventCount = async () => ((await (await fetch(`${engine.url}/control/events?name=test/hello`)).json()) as { events: unknown[] }).events.length;

describe("the local engine", () => {
  it("refuses a cross-origin text/plain post of an event, and ingests nothing", async () => {
    for (const path of ["/e/any-key", "/control/events"]) {
      const res = await send(engine.url, path, { headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: event });
      expect(res.status).toBe(403);
      expect(res.body).toContain("Cross-origin request from https://evil.example refused");
    }
    expect(await eventCount()).toBe(0);
  });

  it("refuses a host name other than loopback (DNS rebinding)", async () => {
    const res = await send(engine.url, "/control/runs", { method: "GET", headers: { host: "evil.example:8288", origin: "http://evil.example:8288" } });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Host \\"evil.example:8288\\" is not allowed');
  });

  it("requires JSON on its control API", async () => {
    const res = await send(engine.url, "/control/clock/advance", { headers: { "content-type": "text/plain" }, body: '{"duration":"24h"}' });
    expect(res.status).toBe(415);
    expect(res.body).toContain("Content-Type: application/json");
  });

  it("still takes what the SDK sends: events without a content type, no Origin", async () => {
    const res = await send(engine.url, "/e/NO_EVENT_KEY_SET", { body: event });
    expect(res.status).toBe(200);
    expect(await eventCount()).toBe(1);
  });
});

describe("the fake Twilio", () => {
  const form = new URLSearchParams({ To: "+13125550401", From: "+13125550100", Body: "hi" }).toString();
  const basic = `Basic ${Buffer.from("AC11111111111111111111111111111111:secret-token").toString("base64")}`;
  const messagesPath = "/2010-04-01/Accounts/AC11111111111111111111111111111111/Messages.json";

  it("refuses a cross-origin post to its control API and to its Messages API", async () => {
    const control = await send(fake.url, "/_fake/inject", { headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: '{"statuses":[500]}' });
    expect(control.status).toBe(403);
    const messages = await send(fake.url, messagesPath, { headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded", authorization: basic }, body: form });
    expect(messages.status).toBe(403);
    expect(fake.state.injected).toEqual([]);
    expect(fake.state.messages).toEqual([]);
  });

  it("requires JSON on its control API", async () => {
    const res = await send(fake.url, "/_fake/failures", { headers: { "content-type": "text/plain" }, body: '{"to":"+13125550401","code":30007}' });
    expect(res.status).toBe(415);
    expect(fake.state.failures.size).toBe(0);
  });

  it("still takes the twilio client's form posts and JSON control calls", async () => {
    const created = await send(fake.url, messagesPath, { headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic }, body: form });
    expect(created.status).toBe(201);
    const scripted = await send(fake.url, "/_fake/failures", { headers: { "content-type": "application/json" }, body: '{"to":"+13125550401","code":30007}' });
    expect(scripted.status).toBe(200);
  });
});
