import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

// The phone simulator's "Caller name" travels as Twilio's CallerName through the fake Twilio's
// signed webhooks, and names the new caller in Contacts.
test("a missed call whose number has caller-name lookup names the caller", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  await page.goto("/phone");
  await page.getByLabel("Caller's number").fill("+1 312 555 0701");
  await page.getByLabel("Caller name (optional)").fill("GARCIA,MARIA");
  await page.getByRole("button", { name: /^Call / }).click();
  await expect(page.getByRole("status")).toContainText("Call placed");

  await page.goto("/clients/demo_greenfield/contacts");
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("5550701");
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await expect(page.getByTestId("contact-row")).toContainText("Maria Garcia");
});
