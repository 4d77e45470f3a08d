import { expect, test } from "vitest";
import { db, sqlRows } from "./client";
import { createTenants } from "../testing/tenants";

test("a statement through pg reads what Prisma reads: parameters bound, timestamps as UTC, arrays and JSON decoded", async () => {
  const t = await createTenants();
  const clientId = t.clients.greenfield.id;
  const at = new Date("2026-03-08T07:30:00.123Z"); // the night Chicago moves its clocks
  const contact = await db.contact.create({ data: { clientId, e164: "+13125550999", tags: ["vip", "o'neil"], createdAt: at } });
  const [row] = await sqlRows<{ createdAt: Date; tags: string[]; businessHours: unknown }>`
    SELECT ct."createdAt", ct."tags", c."businessHours" FROM "Contact" ct JOIN "Client" c ON c."id" = ct."clientId"
    WHERE ct."id" = ${contact.id} AND ct."e164" = ${"+13125550999"}`;
  expect(row.createdAt.toISOString()).toBe(at.toISOString());
  expect(row.tags).toEqual(["vip", "o'neil"]);
  const client = await db.client.findUniqueOrThrow({ where: { id: clientId } });
  expect(row.businessHours).toEqual(client.businessHours);
  // A value is a parameter, never SQL.
  expect(await sqlRows`SELECT 1 FROM "Contact" WHERE "e164" = ${"' OR '1'='1"}`).toEqual([]);
});
