import { handleMessageStatus } from "@/server/twilio/webhooks/status";
import { toResponse, toWebhookRequest } from "@/server/twilio/webhook-request";

export const runtime = "nodejs";

export async function POST(req: Request) {
  return toResponse(await handleMessageStatus(await toWebhookRequest(req)));
}
