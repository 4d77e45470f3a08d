import { handleCallStatus } from "@/server/twilio/webhooks/call-status";
import { toResponse, toWebhookRequest } from "@/server/twilio/webhook-request";

export const runtime = "nodejs";

export async function POST(req: Request) {
  return toResponse(await handleCallStatus(await toWebhookRequest(req)));
}
