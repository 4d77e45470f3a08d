import { handleInboundSms } from "@/server/twilio/webhooks/sms";
import { toResponse, toWebhookRequest } from "@/server/twilio/webhook-request";

export const runtime = "nodejs";

export async function POST(req: Request) {
  return toResponse(await handleInboundSms(await toWebhookRequest(req)));
}
