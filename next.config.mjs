/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native drivers, Node APIs).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "twilio", "nodemailer"],
  typedRoutes: false,
  // Most requests are machine traffic (Twilio webhooks, the engine's serve calls) whose responses
  // nobody compresses for; gzip cost ~1.6 ms of CPU per missed call warm (8.6 cold). In production a
  // reverse proxy in front of the app compresses pages for browsers (see README, Deploying).
  compress: false,
};
export default nextConfig;
