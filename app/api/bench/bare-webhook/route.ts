import { benchRoutesEnabled, handleBareWebhook } from "@/server/twilio/webhooks/bench-baseline";
import { toResponse, toWebhookRequest } from "@/server/twilio/webhook-request";

export const runtime = "nodejs";

// The benchmark's bare signed-webhook baseline; 404 unless RINGBACK_BENCH_ROUTES=1.
export async function POST(req: Request) {
  if (!benchRoutesEnabled()) return new Response("Not found", { status: 404 });
  return toResponse(await handleBareWebhook(await toWebhookRequest(req)));
}
