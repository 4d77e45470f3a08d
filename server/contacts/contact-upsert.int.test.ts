import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTenants } from "../testing/tenants";
import { upsertContactByPhone } from "./contact-upsert";

let clientId: string;
beforeAll(async () => {
  clientId = (await createTenants()).clients.greenfield.id;
});

describe("upsertContactByPhone", () => {
  it("creates the contact on first sight and returns the same one after", async () => {
    const first = await upsertContactByPhone({ clientId, e164: "+13125550401" });
    expect(first).toMatchObject({ clientId, e164: "+13125550401", optedOut: false, tags: [], name: null });
    expect(first.createdAt).toBeInstanceOf(Date);
    await db.contact.update({ where: { id: first.id }, data: { name: "Dana Reyes", optedOut: true } });
    expect(await upsertContactByPhone({ clientId, e164: "+13125550401" })).toMatchObject({ id: first.id, name: "Dana Reyes", optedOut: true });
  });

  it("20 concurrent first sights of one number: one contact, and every caller gets it", async () => {
    const contacts = await Promise.all(Array.from({ length: 20 }, () => upsertContactByPhone({ clientId, e164: "+13125550402" })));
    expect(new Set(contacts.map((c) => c.id)).size).toBe(1);
    expect(await db.contact.count({ where: { clientId, e164: "+13125550402" } })).toBe(1);
  });
});
