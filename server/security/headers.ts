/**
 * The Content-Security-Policy of every page (README "Deploying to production"), set by proxy.ts per
 * request; the headers that never change are in next.config.mjs. Pure, so tests read it directly.
 *
 * Scripts: only Next's own, carrying this request's nonce ('strict-dynamic' lets them load their
 * chunks); no inline script without it. Styles keep 'unsafe-inline': React Flow and the charts
 * position elements with style attributes, which nonces cannot cover, and styles cannot run code.
 */
export interface PolicyOptions {
  nonce: string;
  /** `next dev` evaluates modules and talks to its HMR socket. */
  development: boolean;
  /** The app is served over https (PUBLIC_BASE_URL): then HSTS and upgrade-insecure-requests. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Sent with pages when served over https (the static headers of every response are in next.config.mjs). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export const servedOverHttps = (publicBaseUrl: string | undefined): boolean => (publicBaseUrl ?? "").toLowerCase().startsWith("https://");
