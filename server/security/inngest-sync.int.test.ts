import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";

// Cloud mode (no INNGEST_DEV, a signing key): a sync is a PUT /api/inngest that makes the SDK
// POST the app's URL to Inngest's /fn/register. The URL must be PUBLIC_BASE_URL's, whatever Host says.
let inngestApi: Server;
const registered: { url: string; functionUrls: string[] }[] = [];

beforeAll(async () => {
  inngestApi = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.url?.startsWith("/fn/register")) {
        const parsed = JSON.parse(body) as { url: string; functions: { steps: Record<string, { runtime: { url: string } }> }[] };
        registered.push({ url: parsed.url, functionUrls: parsed.functions.flatMap((f) => Object.values(f.steps).map((s) => s.runtime.url)) });
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, modified: true }));
    });
  });
  await new Promise<void>((resolve) => inngestApi.listen(0, "127.0.0.1", resolve));
  delete process.env.INNGEST_DEV;
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(inngestApi.address() as AddressInfo).port}`;
  process.env.INNGEST_API_BASE_URL = process.env.INNGEST_BASE_URL;
  process.env.INNGEST_SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567";
  process.env.INNGEST_EVENT_KEY = "event-key";
  process.env.PUBLIC_BASE_URL = "https://app.ringback.example";
});
afterAll(() => new Promise<void>((resolve) => inngestApi.close(() => resolve())));

it("registers PUBLIC_BASE_URL's /api/inngest when a sync arrives with a forged Host", async () => {
  const { PUT } = await import("@/app/api/inngest/route");
  const response = await PUT(
    new Request("http://evil.example/api/inngest", { method: "PUT", headers: { host: "evil.example", "x-forwarded-host": "evil.example" } }) as never,
    undefined as never,
  );
  expect(response.status).toBeLessThan(500);
  expect(registered).toHaveLength(1);
  expect(registered[0].url).toBe("https://app.ringback.example/api/inngest");
  expect(registered[0].functionUrls.length).toBeGreaterThan(0);
  for (const url of registered[0].functionUrls) expect(new URL(url).origin).toBe("https://app.ringback.example");
});
