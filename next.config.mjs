/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native drivers, Node APIs).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "twilio", "nodemailer"],
  typedRoutes: false,
};
export default nextConfig;
