import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { sql } from "./fixtures/db";

// The browser is in Tokyo; Greenfield is in Chicago. An 8:00 AM booking is 8:00 AM CST on every page.
test.use({ timezoneId: "Asia/Tokyo" });

test("appointments and run times are shown in the business's timezone, labelled, from a browser in another zone", async ({ page }) => {
  const [contact] = await sql<{ id: string }>(
    `INSERT INTO "Contact" ("id", "clientId", "e164", "name", "updatedAt") VALUES ('e2e_clock_contact', 'demo_greenfield', '+13125550699', 'Clara Clock', now())
     ON CONFLICT ("clientId", "e164") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "id"`,
  );
  // 14:00 UTC on Thursday 14 January 2027 is 8:00 AM in Chicago (CST, UTC-6) and 11:00 PM in Tokyo.
  await sql(
    `INSERT INTO "Appointment" ("id", "clientId", "contactId", "startsAt", "endsAt") VALUES ('e2e_clock_appt', 'demo_greenfield', $1, '2027-01-14T14:00:00Z', '2027-01-14T15:00:00Z')
     ON CONFLICT ("id") DO NOTHING`,
    [contact.id],
  );
  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/appointments");
  const appointment = page.getByTestId("appointment").filter({ hasText: "Clara Clock" });
  await expect(appointment.getByTestId("appointment-time")).toHaveText("Thu Jan 14, 8:00 AM CST");
  await expect(appointment).toContainText("until 9:00 AM CST");
  await expect(appointment).not.toContainText("11:00 PM");
  await page.screenshot({ path: "e2e/artifacts/screens/one-clock-appointments.png", fullPage: true });
});
