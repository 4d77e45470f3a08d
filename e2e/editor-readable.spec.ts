import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("a large flow opens readable: step titles at least 12 px on screen, the trigger in view, texts previewed", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  const trigger = page.getByTestId("node-trigger");
  await expect(trigger).toBeInViewport();
  const title = trigger.locator("p.font-semibold").first();
  // The title's rendered height on screen, in CSS pixels: font size × zoom.
  await expect.poll(async () => title.evaluate((el) => (parseFloat(getComputedStyle(el).fontSize) * el.getBoundingClientRect().height) / (el as HTMLElement).offsetHeight)).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId("node-text-new")).toContainText("Thanks for calling");
  for (const text of await page.locator(".react-flow__node").allTextContents()) expect(text).not.toContain("{{");
  await page.screenshot({ path: "e2e/artifacts/screens/editor-readable.png" });
});
