import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, the scheme Stripe made familiar: the header
 *   X-Ringback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the client's signing secret>
 * A receiver recomputes the HMAC over the raw body it received (before parsing the JSON), compares
 * in constant time and rejects a timestamp more than 5 minutes from its clock (a replayed request).
 * Each attempt is signed afresh (new t, same body); the Idempotency-Key header stays the same.
 */

export const SIGNATURE_HEADER = "X-Ringback-Signature";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How far a receiver should accept the signed time from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: "whsec_" and 32 random bytes in hex. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("hex")}`;

export function signatureHeader(secret: string, body: string, timestampSeconds: number): string {
  const t = Math.floor(timestampSeconds);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** What a receiver does (written here so the tests and the README's example agree with the sender). */
export function verifySignature(options: { secret: string; body: string; header: string | null | undefined; nowSeconds: number; toleranceSeconds?: number }): SignatureCheck {
  const { secret, body, header, nowSeconds } = options;
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const part of header.split(",")) {
    const [key, ...rest] = part.trim().split("=");
    parts.set(key, [...(parts.get(key) ?? []), rest.join("=")]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t)) return { ok: false, reason: "no timestamp (t=) in the signature" };
  if (Math.abs(nowSeconds - t) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return { ok: false, reason: "the signed time is too far from now" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const matches = (parts.get("v1") ?? []).some((v) => v.length === expected.length && timingSafeEqual(Buffer.from(v), expected));
  return matches ? { ok: true } : { ok: false, reason: "the signature does not match the body" };
}
