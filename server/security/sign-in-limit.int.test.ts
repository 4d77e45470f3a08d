import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type * as SignInLimit from "../auth/sign-in-limit";

// Behind one trusted proxy (AUTH_TRUSTED_PROXY_HOPS=1), which appends the address it was called from.
process.env.AUTH_TRUSTED_PROXY_HOPS = "1";
process.env.AUTH_SIGN_IN_PER_MINUTE = "5";
process.env.AUTH_SIGN_IN_PER_ACCOUNT = "8";
process.env.PUBLIC_BASE_URL = "http://localhost:3000";

const PASSWORD = "correct horse battery";
let POST: (req: Request) => Promise<Response>;
// Imported after the environment above is set (server/env.ts reads it once).
let limit: typeof SignInLimit;

async function account(email: string) {
  const { auth } = await import("../auth/auth");
  const hash = await (await auth.$context).password.hash(PASSWORD);
  const id = crypto.randomUUID();
  await db.user.create({ data: { id, email, name: email, emailVerified: true, accounts: { create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: hash } } } });
}
const signIn = (email: string, password: string, forwardedFor: string) =>
  POST(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email, password }),
    }),
  );

beforeAll(async () => {
  ({ POST } = await import("@/app/api/auth/[...all]/route"));
  limit = await import("../auth/sign-in-limit");
  await account("real@test.local");
  await account("target@test.local");
  await account("formtarget@test.local");
});

describe("sign-in rate limits", () => {
  it("rotating X-Forwarded-For does not escape the per-address limit: the proxy's entry is what counts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn(`nobody${i}@test.local`, "guess", `10.${i}.0.1, 203.0.113.7`)).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
  });

  it("a multi-address header does not share one bucket: a real user signs in while an attacker is locked out", async () => {
    for (let i = 0; i < 10; i++) await signIn(`nobody-b${i}@test.local`, "guess", "203.0.113.8");
    expect((await signIn("nobody-c@test.local", "guess", "203.0.113.8")).status).toBe(429);
    // A client behind its own proxy, then ours: two addresses before the one our proxy appended.
    const real = await signIn("real@test.local", PASSWORD, "192.168.1.20, 10.0.0.1, 198.51.100.9");
    expect(real.status).toBe(200);
  });

  it("an account gets a handful of guesses per window, from however many addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn("target@test.local", `guess${i}`, `198.51.100.${100 + i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await signIn("target@test.local", PASSWORD, "198.51.100.200");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain("Too many sign-in attempts for this account");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("sign-in limits whatever the body's encoding", () => {
  // Better Auth's email sign-in takes a form-encoded body too: its guesses count for the account as JSON ones do.
  const formSignIn = (email: string, password: string, forwardedFor: string) =>
    POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", "x-forwarded-for": forwardedFor },
        body: new URLSearchParams({ email, password }).toString(),
      }),
    );

  it("form-encoded guesses from many addresses hit the per-account limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await formSignIn("FormTarget@test.local", `guess${i}`, `198.51.101.${100 + i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await formSignIn("formtarget@test.local", PASSWORD, "198.51.101.200");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain("Too many sign-in attempts for this account");
  });
});

describe("the client address", () => {
  it("is the entry as many places from the right as there are trusted proxies, and none with zero", () => {
    const { clientIpOf } = limit;
    const headers = new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3" });
    expect(clientIpOf(headers, 0)).toBeNull();
    expect(clientIpOf(headers, 1)).toBe("3.3.3.3");
    expect(clientIpOf(headers, 2)).toBe("2.2.2.2");
    expect(clientIpOf(new Headers({ "x-forwarded-for": "4.4.4.4" }), 2)).toBe("4.4.4.4");
  });

  it("Better Auth sees only the trusted address: a client's own header of that name is dropped", async () => {
    const { CLIENT_IP_HEADER, withTrustedClientIp } = limit;
    const forged = new Request("http://localhost:3000/api/auth/get-session", { headers: { [CLIENT_IP_HEADER]: "9.9.9.9", "x-forwarded-for": "9.9.9.9, 5.5.5.5" } });
    expect((await withTrustedClientIp(forged, 1)).headers.get(CLIENT_IP_HEADER)).toBe("5.5.5.5");
    expect((await withTrustedClientIp(forged, 0)).headers.get(CLIENT_IP_HEADER)).toBeNull();
  });
});
