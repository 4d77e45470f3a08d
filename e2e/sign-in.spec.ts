import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("a wrong password gets a clear message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("ava@northwind.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(
    "That email and password don't match an account. Check both and try again.",
  );
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("every page is behind sign-in", async ({ page }) => {
  await page.goto("/clients/demo_greenfield/settings");
  // … and signing in leads back to it.
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclients%2Fdemo_greenfield%2Fsettings$/);
});

test("the agency admin sees every client as a card, and can sign out", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  const cards = page.getByTestId("client-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText("Bright Smiles Dental");
  await expect(cards.nth(0)).toContainText("America/New York");
  await expect(cards.nth(1)).toContainText("Greenfield Plumbing");
  await expect(cards.nth(1)).toContainText("(312) 555-0100");
  await expect(cards.nth(1)).toContainText("Failed waiting0");
  await page.screenshot({ path: "e2e/artifacts/screens/agency-clients.png", fullPage: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});
