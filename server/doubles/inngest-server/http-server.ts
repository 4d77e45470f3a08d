import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { refuseUnsafeDevRequest } from "../../security/dev-server-guard";
import { handleControl } from "./control-api";
import type { LocalInngestEngine } from "./engine";
import { HttpError, type Reply } from "./http-error";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The engine's HTTP face: the endpoints the SDK calls in dev mode (same paths as the Inngest dev
 * server on port 8288) plus `/control/*` for tests and development pages.
 */
export function createHttpServer(engine: LocalInngestEngine): Server {
  return createServer((req, res) => {
    route(engine, req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) engine.ctx.log(`internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? error}`);
        send(res, { status, body: { error: (error as Error).message, status } });
      });
  });
}

async function route(engine: LocalInngestEngine, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? "/", "http://local-inngest");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const method = req.method ?? "GET";
  // Only the app, the SDK and tests talk to the engine; never a web page (see dev-server-guard.ts).
  const refusal = refuseUnsafeDevRequest(req, { requireJson: path === "/control" || path.startsWith("/control/") });
  if (refusal) throw new HttpError(refusal.status, refusal.message);

  if (path.startsWith("/control/") || path === "/control") return handleControl(engine, method, path, url.searchParams, () => readJson(req));

  // Event intake: the SDK posts an array to /e/<event key> (NO_EVENT_KEY_SET in dev); any key is accepted.
  if (method === "POST" && /^\/e\/[^/]+$/.test(path)) {
    const result = engine.ingest(await readJson(req));
    return result.ok ? { status: 200, body: { ids: result.ids, status: 200 } } : { status: 400, body: { error: result.error, status: 400 } };
  }
  if (method === "POST" && path === "/fn/register") return engine.register(await readJson(req));

  const checkpoint = path.match(/^\/v1\/checkpoint\/([^/]+)\/async$/);
  if (method === "POST" && checkpoint) return engine.checkpoint(decodeURIComponent(checkpoint[1]), await readJson(req));
  if (method === "POST" && (path === "/v1/checkpoint" || /^\/v1\/checkpoint\/[^/]+\/steps$/.test(path))) {
    // Durable endpoints (createSyncHandler) start runs from the app side; nothing in Ringback uses them.
    return { status: 501, body: { error: "durable endpoint (sync) runs are not supported by the local engine" } };
  }
  const fetchApi = path.match(/^\/v0\/runs\/([^/]+)\/(batch|actions)$/);
  if (method === "GET" && fetchApi) {
    const runId = decodeURIComponent(fetchApi[1]);
    return fetchApi[2] === "batch" ? engine.runBatch(runId) : engine.runActions(runId);
  }

  if (method === "GET" && (path === "/" || path === "/dev")) {
    return {
      status: 200,
      body: {
        name: "local-inngest",
        description: "A local stand-in for the Inngest dev server (see server/doubles/inngest-server).",
        functions: engine.listApps().flatMap((app) => app.functions),
        control: "/control/health",
      },
    };
  }
  throw new HttpError(404, `no route for ${method} ${path}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const body = JSON.stringify(reply.body ?? null);
  res.writeHead(reply.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
