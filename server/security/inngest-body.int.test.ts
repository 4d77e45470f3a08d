import { afterAll, beforeAll, expect, it } from "vitest";

// Cloud mode (no INNGEST_DEV, a signing key): /api/inngest is public. The SDK reads a POST whole to
// check its signature; an unsigned one must cost nothing, a forged one no more than the limit.
const CHUNK = 64 * 1024;
const saved = { ...process.env };

function hugeBody(totalBytes: number) {
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= totalBytes) return controller.close();
      stats.pulled += CHUNK;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}
const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request("https://app.ringback.example/api/inngest?fnId=ringback-run-flow&stepId=step", { method: "POST", body, headers, duplex: "half" } as RequestInit);

beforeAll(() => {
  delete process.env.INNGEST_DEV;
  process.env.INNGEST_BASE_URL = "http://127.0.0.1:9";
  process.env.INNGEST_SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567";
  process.env.INNGEST_EVENT_KEY = "event-key";
  process.env.PUBLIC_BASE_URL = "https://app.ringback.example";
});
afterAll(() => {
  process.env = saved;
});

it("an unsigned POST is refused before any of its body is read", async () => {
  const { POST } = await import("@/app/api/inngest/route");
  const { stream, stats } = hugeBody(400 * 1024 * 1024);
  const response = await POST(post(stream, { "content-type": "application/json" }) as never, undefined as never);
  expect(response.status).toBe(401);
  expect(stats.pulled).toBeLessThanOrEqual(CHUNK);
});

it("a POST with a (forged) signature is cut off at 40 MB: 413", async () => {
  const { POST } = await import("@/app/api/inngest/route");
  const { stream, stats } = hugeBody(400 * 1024 * 1024);
  const response = await POST(post(stream, { "content-type": "application/json", "x-inngest-signature": "t=1&s=forged" }) as never, undefined as never);
  expect(response.status).toBe(413);
  expect(stats.pulled).toBeLessThanOrEqual(40 * 1024 * 1024 + 2 * CHUNK);
  expect(stats.cancelled).toBe(true);
});

it("a small forged POST still reaches the SDK, which refuses its signature", async () => {
  const { POST } = await import("@/app/api/inngest/route");
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(JSON.stringify({ event: {}, events: [], steps: {}, ctx: {} })));
      controller.close();
    },
  });
  const response = await POST(post(body, { "content-type": "application/json", "x-inngest-signature": "t=1&s=forged" }) as never, undefined as never);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
});
