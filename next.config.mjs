/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native drivers, Node APIs).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "twilio", "nodemailer"],
  typedRoutes: false,
  // `.next/standalone/server.js` with only the node_modules it needs: what the Dockerfile ships.
  output: "standalone",
};
export default nextConfig;
