import { sqlRows } from "../db/client";
import { notFound } from "../errors";
import { newSigningSecret } from "../integrations/webhook/signature";

/**
 * The client's webhook signing secret: made on first use (the first webhook step that runs, or the
 * first look in Settings) in one statement, so two first uses at once agree on one secret.
 */
export async function webhookSigningSecret(clientId: string): Promise<string> {
  const [row] = await sqlRows<{ secret: string }>`
    UPDATE "Client" SET "webhookSigningSecret" = COALESCE("webhookSigningSecret", ${newSigningSecret()})
    WHERE id = ${clientId} RETURNING "webhookSigningSecret" AS secret`;
  if (!row) throw notFound("The client");
  return row.secret;
}

/** A new secret replaces the old at once: receivers must be given the new one (Settings says so). */
export async function rotateWebhookSigningSecret(clientId: string): Promise<string> {
  const [row] = await sqlRows<{ secret: string }>`
    UPDATE "Client" SET "webhookSigningSecret" = ${newSigningSecret()} WHERE id = ${clientId} RETURNING "webhookSigningSecret" AS secret`;
  if (!row) throw notFound("The client");
  return row.secret;
}
