import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A load balancer in miniature, for running several app instances on one machine (the benchmark's
 * BENCH_APP_INSTANCES, the two-instance resilience test): each request goes to the next backend in
 * turn. A backend that refuses the connection never saw the request, so the next one gets it; one
 * that drops the connection mid-request may have acted on it, so the caller gets 502 and retries,
 * as Twilio (with connection overrides) and Inngest do. A backend that failed is left out for a
 * moment (a passive health check). Development and tests only.
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests each backend answered, by backend URL. */
  served(): Record<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(options: { backends: string[]; port?: number; host?: string }): Promise<RoundRobinProxy> {
  if (!options.backends.length) throw new Error("the proxy needs at least one backend URL");
  const backends = options.backends.map((b) => new URL(b));
  const served: Record<string, number> = Object.fromEntries(backends.map((b) => [b.origin, 0]));
  const downUntil = new Map<string, number>();
  let next = 0;
  /** The next backend in turn, skipping those that failed in the last second (unless all did). */
  const pick = () => {
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[next++ % backends.length];
      if ((downUntil.get(backend.origin) ?? 0) <= Date.now()) return backend;
    }
    return backends[next++ % backends.length];
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    for (let tried = 0; tried < backends.length; tried++) {
      const backend = pick();
      const outcome = await forward(backend, req, body, res);
      if (outcome === "answered") {
        served[backend.origin]++;
        return;
      }
      downUntil.set(backend.origin, Date.now() + 1_000);
      if (outcome === "dropped") break;
    }
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("no app instance answered");
    else res.destroy();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    served: () => ({ ...served }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** "refused": the backend never got the request (try another); "dropped": it may have. */
function forward(backend: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<"answered" | "refused" | "dropped"> {
  return new Promise((resolve) => {
    const upstream = httpRequest(
      { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: { ...req.headers, "content-length": String(body.length) } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", () => resolve("answered"));
        answer.on("error", () => resolve("dropped"));
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED" ? "refused" : "dropped"));
    upstream.end(body);
  });
}
