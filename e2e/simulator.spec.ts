import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { newBlankFlow } from "./fixtures/flows";

// "Try it": the caller's replies answer the flow's waits one after another, and every wait reads
// in days, hours and minutes ("2 h 5 min", "1 day"), never "2053 MIN".
test("the simulator takes several replies, one per wait, and shows durations a person reads", async ({ page }) => {
  await signIn(page, "agencyBuilder");
  await newBlankFlow(page, `Two questions ${Date.now()}`);
  // Ask → wait → (replied) ask again → wait → (replied) end: each click adds after the step just added.
  await page.getByTestId("node-trigger").click();
  for (const kind of ["action.sendSms", "wait.reply", "action.sendSms", "wait.reply", "end"]) {
    const before = await page.locator(".react-flow__node").count();
    await page.getByTestId(`palette-${kind}`).click();
    await expect(page.locator(".react-flow__node")).toHaveCount(before + 1);
  }
  await expect(page.getByRole("group", { name: "Wait for reply: Replied → End" })).toHaveCount(1);

  await page.getByRole("button", { name: "Try it" }).click();
  await page.getByLabel("Call time").fill("2026-11-30T10:00");
  await page.getByLabel("Caller reply", { exact: true }).fill("A leaking tap");
  await page.getByLabel("Minutes before the reply").fill("5");
  await page.getByRole("button", { name: "Add a reply" }).click();
  await page.getByLabel("Caller reply 2").fill("Tuesday");
  await page.getByLabel("Minutes before reply 2").fill("125");
  await page.getByRole("button", { name: "Simulate" }).click();
  const result = page.getByTestId("simulation-result");
  await expect(result).toContainText("waits 5 min (for a reply) — “A leaking tap”");
  await expect(result).toContainText("waits 2 h 5 min (for a reply) — “Tuesday”");
  await expect(result).toContainText("Outcome: completed · 2 h 10 min");
  await page.screenshot({ path: "e2e/artifacts/screens/simulator-two-replies.png" });

  // Without the second reply the second wait runs its full day out.
  await page.getByRole("button", { name: "Remove reply 2" }).click();
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(result).toContainText("waits 1 day (for a reply) — no reply");
  await expect(result).not.toContainText(/\d{3,} min/i);
});
