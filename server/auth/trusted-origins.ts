/**
 * The origins sign-in and every cookie-bearing Better Auth request may come from. Production trusts
 * only PUBLIC_BASE_URL (README "Deploying to production"); development also its usual local names.
 */
export function trustedOrigins(nodeEnv: string | undefined, publicBaseUrl: string): string[] {
  const own = new URL(publicBaseUrl).origin;
  return nodeEnv === "production" ? [own] : [...new Set([own, "http://localhost:3000", "http://127.0.0.1:3000"])];
}
