import { db } from "../../db/client";
import { VoiceParams } from "../webhook-schemas";
import { readWebhook, twiml, type WebhookRequest, type WebhookResponse } from "../webhook-request";

/**
 * The benchmark's yardstick (`npm run bench`): a signed Twilio webhook that does the least a
 * webhook can — checks the signature, parses the form and stores one Call row — so the missed-call
 * webhook's response time can be read as a ratio of it on the same machine and run. Served only
 * when RINGBACK_BENCH_ROUTES=1 (the benchmark sets it); otherwise the route answers 404.
 */
export const benchRoutesEnabled = () => process.env.RINGBACK_BENCH_ROUTES === "1";

export async function handleBareWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const read = readWebhook(request, VoiceParams);
  if (!read.ok) return read.response;
  const { CallSid, From, To } = read.params;
  const number = await db.phoneNumber.findUnique({ where: { e164: To }, select: { id: true, clientId: true } });
  if (!number) return { status: 404, headers: { "content-type": "text/plain" }, body: `No business has the number ${To}.` };
  await db.call.create({ data: { callSid: CallSid, clientId: number.clientId, phoneNumberId: number.id, fromNumber: From, toNumber: To, status: "bare" } });
  return twiml("<Response/>");
}
