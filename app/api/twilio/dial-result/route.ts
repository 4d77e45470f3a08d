import { handleDialResult } from "@/server/twilio/webhooks/voice";
import { toResponse, toWebhookRequest } from "@/server/twilio/webhook-request";

export const runtime = "nodejs";

export async function POST(req: Request) {
  return toResponse(await handleDialResult(await toWebhookRequest(req)));
}
