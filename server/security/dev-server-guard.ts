import type { IncomingHttpHeaders } from "node:http";

/**
 * The development doubles (local engine, fake Twilio) listen on the developer's machine with no
 * authentication, and the developer's browser can reach them: any web page could post to them
 * (a cross-origin `text/plain` POST needs no CORS preflight), and a DNS-rebinding host name can
 * even read their answers. So they answer only requests that name a loopback host (or one listed in
 * DEV_SERVER_ALLOWED_HOSTS), that come from no other origin, and — on their JSON control endpoints —
 * that say `application/json`, which a browser cannot send cross-origin without a preflight they
 * never approve. The app, the SDK and the `twilio` client send no Origin and pass.
 */
export interface DevRequest {
  method?: string;
  headers: IncomingHttpHeaders;
}

export interface DevRequestRefusal {
  status: 403 | 415;
  message: string;
}

const LOOPBACK = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function hostnameOf(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
}

function allowedHost(host: string, extra: string[]): boolean {
  const name = hostnameOf(host.trim().toLowerCase());
  return LOOPBACK.test(name) || extra.includes(name);
}

/** null when the request may be served; otherwise the answer to give. */
export function refuseUnsafeDevRequest(
  req: DevRequest,
  options: { requireJson: boolean; allowedHosts?: string[] } = { requireJson: false },
): DevRequestRefusal | null {
  const extra = options.allowedHosts ?? (process.env.DEV_SERVER_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  const host = req.headers.host ?? "";
  if (!allowedHost(host, extra)) {
    return { status: 403, message: `Host "${host}" is not allowed: this development server answers loopback hosts only (add a name to DEV_SERVER_ALLOWED_HOSTS to allow it).` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) return { status: 403, message: `Cross-origin request from ${origin} refused: this development server is not for web pages.` };
  }
  if (req.headers["sec-fetch-site"] === "cross-site") return { status: 403, message: "Cross-site request refused: this development server is not for web pages." };
  const method = (req.method ?? "GET").toUpperCase();
  if (options.requireJson && method !== "GET" && method !== "HEAD") {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") return { status: 415, message: `Send JSON: this endpoint needs Content-Type: application/json (got "${type || "none"}").` };
  }
  return null;
}
