/**
 * Reads a request body up to `limit` bytes and stops there: a body that announces more
 * (Content-Length) is refused without reading, and a chunked one is cancelled as soon as it passes
 * the limit, so a 400 MB upload costs no more memory or time than `limit` bytes.
 */
export async function readBodyWithin(req: Request, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false }> {
  const announced = Number(req.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > limit) {
    await req.body?.cancel().catch(() => {});
    return { ok: false };
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * The same request with its body read up to `limit` bytes (null when it is larger), for handlers
 * that read the body themselves without a limit (Better Auth, `formData()`).
 */
export async function requestWithin(req: Request, limit: number): Promise<Request | null> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readBodyWithin(req, limit);
  if (!body.ok) return null;
  return new Request(req.url, { method: req.method, headers: req.headers, body: body.bytes as BodyInit, signal: req.signal });
}

/** A 413 that says the limit. */
export const bodyTooLarge = (limit: number) =>
  Response.json({ code: "PAYLOAD_TOO_LARGE", message: `Request body too large: the limit is ${limit / 1024} KB.` }, { status: 413 });
