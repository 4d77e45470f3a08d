import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { fakeTwilio } from "./fixtures/fake-twilio";

// The inbox puts what needs a person first: a flagged text, then unread ones, however recent the
// flow's own texts are. Screenshots land in e2e/artifacts/screens/.
const business = "+13125550100"; // Greenfield Plumbing

test("a flagged text and an unread request come first, and opening a thread reads it", async ({ page }) => {
  await fakeTwilio("/_fake/sms", { from: "+13125550731", to: business, body: "Can someone call me back about a quote for a new boiler?" });
  await fakeTwilio("/_fake/sms", { from: "+13125550732", to: business, body: "Sorry, wrong number" });
  await signIn(page, "greenfieldOps");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Inbox" }).click();
  const threads = page.getByTestId("thread");
  await expect(threads.first()).toContainText("(312) 555-0732");
  await expect(threads.first()).toContainText("Not taken as an answer: says it is the wrong number");
  await expect(threads.nth(1)).toContainText("Can someone call me back about a quote");
  await expect(threads.nth(1)).toContainText("1 new");
  await page.screenshot({ path: "e2e/artifacts/screens/inbox-1-unread-first.png", fullPage: true });
  // Opening the request reads it: it leaves the top, and the flagged one stays first.
  await threads.nth(1).click();
  await expect(page.getByText("Can someone call me back about a quote for a new boiler?").last()).toBeVisible();
  await expect(threads.filter({ hasText: "(312) 555-0731" })).toHaveAttribute("data-unread", "0", { timeout: 10_000 });
  await expect(threads.first()).toContainText("(312) 555-0732");
  await page.screenshot({ path: "e2e/artifacts/screens/inbox-2-thread-read.png", fullPage: true });
});
