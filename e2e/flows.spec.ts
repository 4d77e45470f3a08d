import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/flows-${name}.png` });

async function newBlankFlow(page: Page, name: string) {
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  await page.getByRole("dialog", { name: "New flow" }).getByText("Blank canvas").click();
  await page.getByRole("dialog", { name: "New flow" }).getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

async function dragToCanvas(page: Page, paletteTestId: string, x: number, y: number) {
  const canvas = page.getByTestId("canvas");
  await page.getByTestId(paletteTestId).dragTo(canvas, { targetPosition: { x, y } });
}

test("an agency builder drags steps onto a blank canvas; problems are listed, focus their node, and block publishing; undo and redo work", async ({ page }) => {
  await signIn(page, "agencyBuilder");
  await newBlankFlow(page, `Drawn by hand ${Date.now()}`);
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await expect(page.getByTestId("publish-blocked")).toContainText("Fix");

  await dragToCanvas(page, "palette-action.sendSms", 300, 200);
  await expect(page.locator('[data-testid^="node-sendSms-"]')).toHaveCount(1);
  await dragToCanvas(page, "palette-condition.businessHours", 300, 400);
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(1);

  await page.getByRole("button", { name: /^Problems/ }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("has no next step");
  await problems.getByRole("button").filter({ hasText: "Business hours" }).first().click();
  await expect(page.getByTestId("inspector")).toContainText("Business hours");
  await shot(page, "problems");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(0);
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(1);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
});

test("the simulator lights up the after-hours path of the business-hours flow", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByTestId("flow-row").filter({ hasText: "After-hours text back" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Try it" }).click();
  await page.getByLabel("Call time").fill("2026-11-28T21:47");
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulation-result")).toContainText("We're closed right now");
  await expect(page.getByTestId("node-after-hours-text")).toHaveAttribute("data-on-path", "true", { timeout: 10_000 });
  await expect(page.getByTestId("node-call-back-text")).not.toHaveAttribute("data-on-path", "true");
  await shot(page, "simulated");
});

test("ops opens a flow read-only", async ({ page }) => {
  await signIn(page, "greenfieldOps");
  await page.getByTestId("flow-row").first().getByRole("link").first().click();
  await expect(page.getByTestId("flow-status")).toContainText("read-only");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByTestId("palette-action.sendSms")).toHaveCount(0);
});
