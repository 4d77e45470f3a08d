/**
 * Headers of every response, pages and API alike. The per-request Content-Security-Policy and
 * (over https) Strict-Transport-Security are set on pages by proxy.ts, at run time.
 */
export const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native drivers, Node APIs).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "twilio", "nodemailer"],
  typedRoutes: false,
  // Most requests are machine traffic (Twilio webhooks, the engine's serve calls) whose responses
  // nobody compresses for; gzip cost ~1.6 ms of CPU per missed call warm (8.6 cold). In production a
  // reverse proxy in front of the app compresses pages for browsers (see README, Deploying).
  compress: false,
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // `.next/standalone/server.js` with only the node_modules it needs: what the Dockerfile ships.
  output: "standalone",
};
export default nextConfig;
