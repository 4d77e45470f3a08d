import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { securityHeaders } from "../../next.config.mjs";
import { proxy } from "../../proxy";
import { contentSecurityPolicy, servedOverHttps } from "./headers";

describe("security headers", () => {
  it("allows only scripts with this request's nonce, and no framing", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123", development: false, https: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("upgrades insecure requests only over https, and lets next dev evaluate modules", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", development: true, https: false })).toContain("'unsafe-eval'");
    expect(servedOverHttps("https://app.example")).toBe(true);
    expect(servedOverHttps("http://127.0.0.1:3400")).toBe(false);
  });

  it("sends the fixed headers on every response", () => {
    expect(Object.fromEntries(securityHeaders.map((h) => [h.key, h.value]))).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });
});

describe("proxy.ts on a page request", () => {
  const before = process.env.PUBLIC_BASE_URL;
  afterEach(() => {
    process.env.PUBLIC_BASE_URL = before;
  });
  const page = () => proxy(new NextRequest("http://127.0.0.1:3000/clients/c1/flows"));

  it("sends HSTS and upgrade-insecure-requests when PUBLIC_BASE_URL is https, and the CSP with a fresh nonce", () => {
    process.env.PUBLIC_BASE_URL = "https://app.ringback.example";
    const first = page();
    expect(first.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toContain("upgrade-insecure-requests");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(page().headers.get("content-security-policy")).not.toBe(policy);
  });

  it("sends no HSTS over plain http (a browser would pin https for a host that has none)", () => {
    process.env.PUBLIC_BASE_URL = "http://127.0.0.1:3400";
    expect(page().headers.get("strict-transport-security")).toBeNull();
  });
});
