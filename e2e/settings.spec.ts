import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("the owner fixes overlapping hours: refused beside the field, then saved", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  await page.getByRole("link", { name: "Settings" }).click();
  const monday = page.getByTestId("hours-mon");
  await monday.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday range 2 opens").fill("16:00");
  await page.getByLabel("Monday range 2 closes").fill("19:00");
  await page.getByLabel("Business name as texted").fill("Greenfield Plumbing & Heating");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(monday.getByRole("alert")).toHaveText("16:00–19:00 overlaps 08:00–17:00");
  await expect(page.getByText("Some fields need attention")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/screens/settings-invalid-hours.png", fullPage: true });

  // Nothing was saved: a reload shows the old name.
  await page.reload();
  await expect(page.getByLabel("Business name as texted")).toHaveValue("Greenfield Plumbing");

  await page.getByLabel("Business name as texted").fill("Greenfield Plumbing & Heating");
  await monday.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday range 2 opens").fill("18:00");
  await page.getByLabel("Monday range 2 closes").fill("20:00");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await page.reload();
  await expect(page.getByLabel("Business name as texted")).toHaveValue("Greenfield Plumbing & Heating");
  await expect(page.getByLabel("Monday range 2 opens")).toHaveValue("18:00");
});

test("the owner adds a phone number: a malformed number is refused, a valid one is stored in E.164", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/settings");
  await page.getByRole("button", { name: "Add number" }).click();
  const form = page.getByRole("form", { name: "New phone number" });
  await form.getByLabel("Twilio number").fill("555-12");
  await form.getByLabel("Forward calls to").fill("(312) 555-0199");
  await form.getByLabel("Ring for (seconds)").fill("90");
  await form.getByRole("button", { name: "Save number" }).click();
  await expect(form.getByText('"555-12" is not a valid phone number')).toBeVisible();
  await expect(form.getByText("Ring for at most 60 seconds")).toBeVisible();

  await form.getByLabel("Twilio number").fill("(312) 555-0188");
  await form.getByLabel("Ring for (seconds)").fill("30");
  await form.getByRole("button", { name: "Save number" }).click();
  const numbers = page.getByRole("list", { name: "Phone numbers" });
  await expect(numbers).toContainText("(312) 555-0188");
  await expect(numbers).toContainText("rings 30s");
  await page.screenshot({ path: "e2e/artifacts/screens/settings-numbers.png", fullPage: true });
});
