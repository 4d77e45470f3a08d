import { beforeAll, describe, expect, it } from "vitest";

// A huge chunked POST must be cut off at the limit, not read whole first (400 MB took 11.7 s and 1.2 GB).
const CHUNK = 64 * 1024;

/** A chunked body of up to `totalBytes` that counts how much of it the server pulled. */
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
const post = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = "http://localhost:3000";
});

describe("request bodies stop at their limit while streaming", () => {
  it("a Twilio webhook answers 413 after reading no more than its 64 KB limit of a 400 MB body", async () => {
    const { POST } = await import("@/app/api/twilio/sms/route");
    const { stream, stats } = hugeBody(400 * 1024 * 1024);
    const response = await POST(post("http://localhost:3000/api/twilio/sms", stream, { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "x" }));
    expect(response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK);
    expect(stats.cancelled).toBe(true);
  });

  it("a webhook that announces a too-large Content-Length is refused without reading", async () => {
    const { POST } = await import("@/app/api/twilio/voice/route");
    const { stream, stats } = hugeBody(1024 * 1024);
    const response = await POST(post("http://localhost:3000/api/twilio/voice", stream, { "content-length": String(1024 * 1024), "x-twilio-signature": "x" }));
    expect(response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it("tRPC answers 413 after reading no more than its 2 MB limit, and says the limit", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    const { stream, stats } = hugeBody(400 * 1024 * 1024);
    const response = await POST(post("http://localhost:3000/api/trpc/flows.saveDraft", stream, { "content-type": "application/json" }));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("the limit is 2048 KB");
    expect(stats.pulled).toBeLessThanOrEqual(2 * 1024 * 1024 + 2 * CHUNK);
  });

  it("the sign-in form's post answers 413 after reading no more than 64 KB", async () => {
    const { POST } = await import("@/app/api/sign-in/route");
    const { stream, stats } = hugeBody(400 * 1024 * 1024);
    const response = await POST(post("http://localhost:3000/api/sign-in", stream, { "content-type": "application/x-www-form-urlencoded" }));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("the limit is 64 KB");
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK);
    expect(stats.cancelled).toBe(true);
  });

  it("Better Auth's endpoints answer 413 after reading no more than 64 KB", async () => {
    const { POST } = await import("@/app/api/auth/[...all]/route");
    const { stream, stats } = hugeBody(400 * 1024 * 1024);
    const response = await POST(post("http://localhost:3000/api/auth/sign-out", stream, { "content-type": "application/json" }));
    expect(response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK);
    expect(stats.cancelled).toBe(true);
  });

  it("tRPC refuses a batch of more than 25 calls", async () => {
    const { GET } = await import("@/app/api/trpc/[trpc]/route");
    const paths = Array.from({ length: 26 }, () => "me.get").join(",");
    const response = await GET(new Request(`http://localhost:3000/api/trpc/${paths}?batch=1&input={}`));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Batch call exceeds maximum size");
  });

  it("tRPC still answers a normal batch", async () => {
    const { GET } = await import("@/app/api/trpc/[trpc]/route");
    const response = await GET(new Request(`http://localhost:3000/api/trpc/me.get,me.get?batch=1&input={}`));
    // Not signed in: each call answers UNAUTHORIZED, which proves the batch was taken apart and run.
    expect(response.status).toBe(401);
  });
});
