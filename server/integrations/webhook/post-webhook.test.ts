import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postWebhook, type WebhookRequest } from "./post-webhook";
import { verifySignature } from "./signature";

/** A real receiver on 127.0.0.1 whose answer each test scripts. */
type Received = { headers: http.IncomingHttpHeaders; body: string; url: string };
let received: Received[] = [];
let answer: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body, url: req.url ?? "" });
      answer(req, res, received.length);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  received = [];
  answer = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"id":"lead_42"}');
});

const secret = "whsec_test";
const send = (over: Partial<WebhookRequest> = {}) =>
  postWebhook({ url: `${base}/hook`, body: '{"name":"Maria \\"M\\" Lopez"}', secret, idempotencyKey: "run_1:postWebhook:n1", policy: { allowLoopback: true }, ...over });

describe("posting to a webhook", () => {
  it("posts the JSON body, signed, with the idempotency key, and reads the JSON answer", async () => {
    const outcome = await send();
    expect(outcome).toEqual({ type: "ok", status: 200, json: { id: "lead_42" } });
    const [req] = received;
    expect(req.body).toBe('{"name":"Maria \\"M\\" Lopez"}');
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["idempotency-key"]).toBe("run_1:postWebhook:n1");
    const signature = req.headers["x-ringback-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ secret, body: req.body, header: signature, nowSeconds: Date.now() / 1000 })).toEqual({ ok: true });
  });

  it("a receiver rejects a changed body, another secret, or an old signature", async () => {
    await send();
    const { body, headers } = received[0];
    const header = headers["x-ringback-signature"] as string;
    const now = Date.now() / 1000;
    expect(verifySignature({ secret, body: body.replace("Maria", "Mario"), header, nowSeconds: now })).toEqual({ ok: false, reason: "the signature does not match the body" });
    expect(verifySignature({ secret: "whsec_other", body, header, nowSeconds: now })).toEqual({ ok: false, reason: "the signature does not match the body" });
    expect(verifySignature({ secret, body, header, nowSeconds: now + 301 })).toEqual({ ok: false, reason: "the signed time is too far from now" });
    expect(verifySignature({ secret, body, header: undefined, nowSeconds: now })).toEqual({ ok: false, reason: "no X-Ringback-Signature header" });
  });

  it("a 4xx is final, explained in words", async () => {
    answer = (_req, res) => res.writeHead(404).end("nope");
    expect(await send()).toEqual({ type: "final", status: 404, message: "The webhook answered 404 Not Found: check the URL" });
    answer = (_req, res) => res.writeHead(422).end();
    expect(await send()).toEqual({ type: "final", status: 422, message: "The webhook answered 422 Unprocessable Entity: the receiver did not accept the body: check the fields it expects" });
  });

  it("a 5xx asks for a retry, and the retry carries the same idempotency key", async () => {
    answer = (_req, res, n) => (n === 1 ? res.writeHead(503).end() : res.writeHead(201, { "content-type": "application/json" }).end('{"ok":true}'));
    expect(await send()).toEqual({ type: "retry", status: 503, message: "The webhook answered 503 Service Unavailable: the receiver had a problem; Ringback tries again" });
    expect(await send()).toEqual({ type: "ok", status: 201, json: { ok: true } });
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual(["run_1:postWebhook:n1", "run_1:postWebhook:n1"]);
  });

  it("a receiver that does not answer in time asks for a retry", async () => {
    answer = () => {}; // never answers
    const started = Date.now();
    expect(await send({ timeoutMs: 300 })).toEqual({ type: "retry", message: "The webhook did not answer within 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops reading an oversized answer and keeps the delivery", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // Streamed without a length: the limit is enforced while reading.
      for (let i = 0; i < 100; i++) res.write(`{"padding":"${"x".repeat(1024)}"}`);
      res.end();
    };
    expect(await send({ maxResponseBytes: 8 * 1024 })).toEqual({ type: "ok", status: 200, json: null, note: "its answer was over 8 KB, so no fields were read from it" });
    answer = (_req, res) => res.writeHead(200, { "content-length": String(1024 * 1024) }).end("x".repeat(1024 * 1024));
    expect(await send({ maxResponseBytes: 8 * 1024 })).toMatchObject({ type: "ok", json: null });
  });

  it("an answer that is not JSON is still a delivery", async () => {
    answer = (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("Accepted");
    expect(await send()).toEqual({ type: "ok", status: 200, json: null });
  });

  it("refuses loopback in production, before connecting", async () => {
    expect(await send({ policy: { allowLoopback: false } })).toEqual({
      type: "final",
      message: "127.0.0.1 is not allowed: 127.0.0.1 is this server itself (loopback). Webhooks go only to public internet addresses.",
    });
    expect(await send({ url: base.replace("127.0.0.1", "localhost") + "/hook", policy: { allowLoopback: false } })).toMatchObject({ type: "final", message: expect.stringContaining("localhost is not allowed") });
    expect(await send({ url: "http://169.254.169.254/latest/meta-data/", policy: { allowLoopback: true } })).toMatchObject({ type: "final", message: expect.stringContaining("link-local") });
    expect(await send({ url: "http://[::ffff:10.0.0.1]/", policy: { allowLoopback: true } })).toMatchObject({ type: "final", message: expect.stringContaining("private") });
    expect(received).toEqual([]);
  });

  it("refuses other schemes and credentials in the address", async () => {
    expect(await send({ url: "ftp://example.com/x" })).toEqual({ type: "final", message: "ftp addresses are not allowed: use an https:// address" });
    expect(await send({ url: "file:///etc/passwd" })).toMatchObject({ type: "final" });
    expect(await send({ url: `http://user:pw@127.0.0.1/` })).toMatchObject({ type: "final", message: expect.stringContaining("user name or password") });
  });

  it("follows a 307 to a public-enough address, refuses one to a private address, and explains a 302", async () => {
    answer = (req, res) => (req.url === "/hook" ? res.writeHead(307, { location: "/moved" }).end() : res.writeHead(200).end('{"moved":true}'));
    expect(await send()).toEqual({ type: "ok", status: 200, json: { moved: true } });
    expect(received.map((r) => [r.url, r.body])).toEqual([
      ["/hook", '{"name":"Maria \\"M\\" Lopez"}'],
      ["/moved", '{"name":"Maria \\"M\\" Lopez"}'],
    ]);
    received = [];
    answer = (_req, res) => res.writeHead(308, { location: "http://10.0.0.5/internal" }).end();
    expect(await send()).toMatchObject({ type: "final", message: expect.stringContaining("10.0.0.5 is not allowed") });
    expect(received).toHaveLength(1);
    answer = (_req, res) => res.writeHead(302, { location: "https://crm.example.com/new" }).end();
    expect(await send()).toEqual({ type: "final", status: 302, message: "The webhook answered 302 Found, pointing to https://crm.example.com/new: put that address in the step" });
  });

  it("a refused connection asks for a retry", async () => {
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    expect(await send({ url: `http://127.0.0.1:${port}/` })).toEqual({ type: "retry", message: `127.0.0.1:${port} refused the connection; Ringback tries again` });
  });
});
