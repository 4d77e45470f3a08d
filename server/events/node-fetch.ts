import http from "node:http";
import https from "node:https";

/**
 * A `fetch` for the Inngest client that goes straight through `node:http`/`node:https` with
 * keep-alive agents. Inside Next.js the global `fetch` is patched for the data cache; every event
 * send and step checkpoint paid that patch (and undici's own machinery) although none of it is
 * cacheable. Anything this small function does not handle (a `Request` object, a streamed body)
 * goes to the unpatched global fetch.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

type NextPatchedFetch = typeof fetch & { _nextOriginalFetch?: typeof fetch };

function plainGlobalFetch(): typeof fetch {
  const current = globalThis.fetch as NextPatchedFetch;
  return current._nextOriginalFetch ?? current;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function headersObject(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  return headers;
}

export const nodeFetch: typeof fetch = (input, init = {}) => {
  const body = init.body;
  const simpleBody = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
  if (input instanceof Request || !simpleBody) return plainGlobalFetch()(input, init);

  const url = new URL(input instanceof URL ? input.href : input);
  const protocol = url.protocol as keyof typeof agents;
  if (!(protocol in agents)) return plainGlobalFetch()(input, init);

  return new Promise<Response>((resolve, reject) => {
    const request = (protocol === "https:" ? https : http).request(
      url,
      {
        method: init.method ?? "GET",
        headers: headersObject(init.headers),
        agent: agents[protocol],
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const status = res.statusCode ?? 502;
          resolve(
            new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage,
              headers: responseHeaders(res.headers),
            }),
          );
        });
      },
    );
    request.on("error", reject);
    request.end(body ?? undefined);
  });
};
