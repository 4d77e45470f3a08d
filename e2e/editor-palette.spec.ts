import { expect, test, type Locator } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { newBlankFlow } from "./fixtures/flows";

// Adding steps without dragging: one click on a palette step adds it, and a step added with the
// selected step in mind (click, Enter) goes after it: connected from its first open handle, to its
// right so the edge reads forward, on top of nothing.

const box = async (l: Locator) => (await l.boundingBox())!;
type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("one click on a palette step adds it; Enter adds the next after the selected step, each reading left to right, none on another", async ({ page }) => {
  await signIn(page, "agencyBuilder");
  await newBlankFlow(page, `Clicked together ${Date.now()}`);
  const trigger = page.getByTestId("node-trigger");
  await trigger.click();

  // One click, no double-click, no drag.
  await page.getByTestId("palette-action.sendSms").click();
  const text = page.locator('[data-testid^="node-sendSms-"]');
  await expect(text).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Missed call → Send a text" })).toHaveCount(1);
  await expect(page.getByTestId("inspector")).toContainText("Send a text");

  // The keyboard: the new step is selected, so Enter on the next palette step goes after it.
  await page.getByTestId("palette-wait.reply").focus();
  await page.keyboard.press("Enter");
  const wait = page.locator('[data-testid^="node-reply-"]');
  await expect(wait).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Send a text: Sent → Wait for reply" })).toHaveCount(1);
  await expect(wait).toBeInViewport();

  // Two steps after one: the second takes the next open handle and sits below the first.
  await page.getByTestId("palette-end").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: "Wait for reply: Replied → End" })).toHaveCount(1);
  await wait.click();
  await page.getByTestId("palette-end").focus();
  await page.keyboard.press(" ");
  await expect(page.getByRole("group", { name: "Wait for reply: No reply → End" })).toHaveCount(1);
  const ends = page.locator('[data-testid^="node-end-"]');
  await expect(ends).toHaveCount(2);

  const [t, s, w, e1, e2] = [await box(trigger), await box(text), await box(wait), await box(ends.nth(0)), await box(ends.nth(1))];
  expect(s.x, "the text is right of the trigger").toBeGreaterThan(t.x + t.width);
  expect(w.x, "the wait is right of the text").toBeGreaterThan(s.x + s.width);
  for (const end of [e1, e2]) expect(end.x, "each end is right of the wait").toBeGreaterThan(w.x + w.width);
  const all = [t, s, w, e1, e2];
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i], all[j]), `steps ${i} and ${j} overlap`).toBe(false);
  await page.screenshot({ path: "e2e/artifacts/screens/editor-palette-added.png" });
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
});
