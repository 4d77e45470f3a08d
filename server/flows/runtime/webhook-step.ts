import { webhookSigningSecret } from "../../clients/webhook-secret";
import { webhookAddressPolicy } from "../../integrations/webhook/address-guard";
import { postWebhook } from "../../integrations/webhook/post-webhook";
import { pickFields } from "../model/webhook";
import type { EffectResult, PostWebhookEffect } from "../engine";
import type { RunContext } from "./perform-effect";

/** A try that may succeed next time (5xx, timeout, dropped connection): thrown so the step retries. */
export class WebhookRetryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookRetryError";
  }
}

/**
 * The step of "Send to a webhook". Delivered: the declared fields of the answer. Refused by the
 * receiver (4xx, a redirect, a refused address): `failed` with the reason, at once. Anything that may
 * pass on another try throws, so Inngest retries the step, until the last attempt, which answers
 * `failed` too: the flow goes on by "failed" rather than the run failing.
 */
export async function performWebhookStep(effect: PostWebhookEffect, run: RunContext): Promise<EffectResult<"postWebhook">> {
  const outcome = await postWebhook({
    url: effect.url,
    body: effect.body,
    secret: await webhookSigningSecret(run.clientId),
    idempotencyKey: `${run.runId}:${effect.stepId}`,
    policy: webhookAddressPolicy(),
  });
  const at = new Date().toISOString();
  if (outcome.type === "ok") {
    return { status: "ok", httpStatus: outcome.status, fields: pickFields(outcome.json, effect.fields), ...(outcome.note ? { note: outcome.note } : {}), at };
  }
  const httpStatus = outcome.status !== undefined ? { httpStatus: outcome.status } : {};
  if (outcome.type === "final") return { status: "failed", ...httpStatus, fields: {}, error: outcome.message, at };
  if (run.lastAttempt) return { status: "failed", ...httpStatus, fields: {}, error: `${outcome.message.replace(/; Ringback tries again$/, "")}. That was the last attempt.`, at };
  throw new WebhookRetryError(outcome.message);
}
