/**
 * Next.js calls register() once when a server starts, before it answers any request. In
 * production it refuses unsafe settings (server/security/production-settings.ts) by exiting with
 * a message that says what to fix, rather than answering every request with a 500. Then it makes
 * the environment a plain object (server/runtime/plain-env.ts), which the Inngest SDK reads cheaply.
 */
export async function register() {
  // `next build` runs with NODE_ENV=production too, but builds need no secrets.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseUnsafeProductionStart } = await import("./server/security/startup");
  refuseUnsafeProductionStart();
  const { adoptPlainEnvironmentCopy } = await import("./server/runtime/plain-env");
  adoptPlainEnvironmentCopy();
}
