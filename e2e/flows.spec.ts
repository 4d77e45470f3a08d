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

test("an owner builds a flow from a blank canvas by dragging and connecting steps, publishes it and sees version 1, then restores it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1700, height: 1000 });
  await signIn(page, "agencyAdmin");
  const name = `Built by hand ${Date.now()}`;
  await newBlankFlow(page, name);
  await dragToCanvas(page, "palette-action.sendSms", 200, 120);
  await dragToCanvas(page, "palette-end", 250, 420);
  await page.getByRole("button", { name: "Tidy up" }).click();
  await page.waitForTimeout(600); // the fit-view animation moves the handles we are about to drag
  const sms = page.locator('[data-testid^="node-sendSms-"]');
  const end = page.locator('[data-testid^="node-end-"]');
  await expect(sms).toHaveCount(1);
  await expect(end).toHaveCount(1);

  // Connect: trigger → text; text (sent) → end; text (failed) → end.
  const connect = async (from: ReturnType<Page["locator"]>, handle: string, to: ReturnType<Page["locator"]>) => {
    await from.locator(`.react-flow__handle.source[data-handleid="${handle}"]`).dragTo(to.locator(".react-flow__handle.target"));
  };
  await connect(page.getByTestId("node-trigger"), "next", sms);
  await connect(sms, "sent", end);
  await connect(sms, "failed", end);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  await sms.click();
  await page.getByRole("textbox", { name: "Text message" }).fill("Sorry we missed you! {{business.name}} will call you back soon.");
  await expect(page.getByTestId("segment-count")).toContainText("1 segment");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Publish" })).toBeEnabled();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");
  await shot(page, "built-and-published");

  // Change the draft, then restore version 1 from the versions panel.
  await page.locator('[data-testid^="node-sendSms-"]').click();
  await page.getByRole("textbox", { name: "Text message" }).fill("A different text that will be thrown away.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.getByRole("button", { name: "Versions" }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("list", { name: "Versions" }).getByRole("button", { name: "Restore as draft" }).click();
  // The editor reloads with the restored draft: the node's summary shows version 1's text again.
  await expect(page.locator('[data-testid^="node-sendSms-"]')).toContainText("Sorry we missed you!");
  await expect(page.locator('[data-testid^="node-sendSms-"]')).not.toContainText("A different text");
});

test("an agency admin copies a flow to another client as a draft", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  await page.goto("/clients/demo_bright_smiles/flows");
  const copies = page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" });
  const before = await copies.count();
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Copy to clients" }).click();
  await page.getByRole("form", { name: "Copy to clients" }).getByLabel("Bright Smiles Dental").check();
  await page.getByRole("form", { name: "Copy to clients" }).getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status")).toContainText("Copied as 1 draft");
  await page.goto("/clients/demo_bright_smiles/flows");
  await expect(copies).toHaveCount(before + 1);
  await expect(copies.last()).toContainText("Draft");
});
