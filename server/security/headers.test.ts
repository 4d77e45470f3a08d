import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../next.config.mjs";
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
