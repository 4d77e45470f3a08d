import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { webhookSigningSecret } from "./webhook-secret";

let t: Awaited<ReturnType<typeof createTenants>>;
beforeAll(async () => {
  t = await createTenants();
});

describe("the webhook signing secret", () => {
  it("is made once on first use, even by ten first uses at once", async () => {
    const clientId = t.clients.bright.id;
    expect((await db.client.findUniqueOrThrow({ where: { id: clientId } })).webhookSigningSecret).toBeNull();
    const secrets = await Promise.all(Array.from({ length: 10 }, () => webhookSigningSecret(clientId)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^whsec_[0-9a-f]{64}$/);
  });

  it("the owner sees it and can replace it; ops and builders cannot see it", async () => {
    const clientId = t.clients.greenfield.id;
    const { secret } = await t.callers.owner.clients.webhookSecret({ clientId });
    expect((await t.callers.owner.clients.webhookSecret({ clientId })).secret).toBe(secret);
    const rotated = await t.callers.owner.clients.rotateWebhookSecret({ clientId });
    expect(rotated.secret).not.toBe(secret);
    expect(await webhookSigningSecret(clientId)).toBe(rotated.secret);
    await expect(t.callers.ops.clients.webhookSecret({ clientId })).rejects.toThrow();
    await expect(t.callers.builder.clients.webhookSecret({ clientId })).rejects.toThrow();
    await expect(t.callers.owner.clients.webhookSecret({ clientId: t.clients.bright.id })).rejects.toThrow();
  });
});
