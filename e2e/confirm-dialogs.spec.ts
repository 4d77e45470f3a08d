import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

// Removing something asks in the app's own dialog, not the browser's confirm(): it takes focus,
// Escape and a click outside close it without removing anything, and only its button removes.
test("removing a staff contact asks in an in-page dialog that Escape and a click outside dismiss", async ({ page }) => {
  const nativeDialogs: string[] = [];
  page.on("dialog", (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/settings");
  const name = `Temp helper ${Date.now()}`;
  await page.getByRole("button", { name: "Add staff contact" }).click();
  const form = page.getByRole("form", { name: "New staff contact" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Mobile").fill("+13125550177");
  await form.getByRole("button", { name: "Save contact" }).click();
  const staff = page.getByRole("list", { name: "Staff contacts" });
  await expect(staff).toContainText(name);

  const remove = page.getByRole("button", { name: `Remove ${name}` });
  const dialog = page.getByRole("dialog", { name: `Remove ${name}?` });
  await remove.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("They will no longer be notified");
  await expect(dialog.locator(":focus"), "focus moves into the dialog").toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove, "focus goes back to the button that opened it").toBeFocused();

  await remove.click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  await expect(staff).toContainText(name);

  await remove.click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(staff).not.toContainText(name);
  expect(nativeDialogs).toEqual([]);
});
