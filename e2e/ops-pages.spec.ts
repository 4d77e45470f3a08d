import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers } from "../prisma/demo-data";
import { signIn } from "./fixtures/auth";
import { fakeTwilio, textsTo } from "./fixtures/fake-twilio";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/ops-${name}.png`, fullPage: true });
const missedCall = (from: string) => fakeTwilio("/_fake/calls", { from, to: "+13125550100", outcome: "no-answer" });
const staffMobile = "+13125550142";

test("a retry the carrier filters again says so: failed again with 30007, and the row shows the second attempt", async ({ page }) => {
  test.setTimeout(90_000);
  const caller = "+13125550691";
  await fakeTwilio("/_fake/failures", { to: caller, code: 30007 });
  try {
    await missedCall(caller);
    await expect.poll(async () => (await textsTo(caller)).map((m) => m.status), { timeout: 20_000 }).toEqual(["undelivered"]);
    await signIn(page, "greenfieldOps");
    await page.goto("/clients/demo_greenfield/failed-sends");
    const row = page.getByTestId("failed-send").filter({ hasText: "(312) 555-0691" });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("failed-send-attempts")).toHaveText("First attempt");
    await expect(row).toContainText("30007");
    await row.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("retry-result")).toContainText("Failed again: 30007", { timeout: 20_000 });
    await expect(page.getByTestId("failed-send").filter({ hasText: "(312) 555-0691" }).getByTestId("failed-send-attempts")).toHaveText("Attempt 2");
    await expect(page.getByRole("tab", { name: /Opted out/ })).toBeVisible();
    await shot(page, "retry-failed-again");
    // Leave no failure behind for later specs.
    await page.getByTestId("failed-send").filter({ hasText: "(312) 555-0691" }).getByRole("button", { name: "Mark resolved" }).click();
    await expect(page.getByTestId("failed-send").filter({ hasText: "(312) 555-0691" })).toHaveCount(0);
  } finally {
    await fakeTwilio("/_fake/failures", { to: caller, code: null });
  }
});

test("the bell lists staff alerts with the unread count and marks them read; the run link in a staff text lands on that run after sign-in", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const caller = "+13125550692";
  // An invalid number: the caller's text fails at once, and the flow tells staff (in-app and by text).
  await fakeTwilio("/_fake/failures", { to: caller, code: 21211 });
  let link: string;
  try {
    await missedCall(caller);
    await expect.poll(async () => (await textsTo(staffMobile)).find((m) => m.body.includes("555-0692"))?.body, { timeout: 20_000 }).toContain("/runs/");
    link = (await textsTo(staffMobile)).find((m) => m.body.includes("555-0692"))!.body.match(/https?:\/\/\S+\/runs\/\S+/)![0];
  } finally {
    await fakeTwilio("/_fake/failures", { to: caller, code: null });
  }

  await signIn(page, "greenfieldOwner");
  const bell = page.getByTestId("notification-bell").locator("visible=true");
  await expect(bell.getByTestId("unread-count")).toBeVisible();
  await bell.click();
  const panel = page.getByRole("dialog", { name: "Notifications" });
  const alert = panel.getByTestId("notification").filter({ hasText: "555-0692" });
  await expect(alert).toContainText("Could not text");
  await expect(alert.getByLabel("Unread")).toBeVisible();
  await shot(page, "bell");
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  await expect(alert.getByLabel("Unread")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await bell.click();
  await panel.getByTestId("notification").filter({ hasText: "555-0692" }).getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(new RegExp(`${new URL(link).pathname}$`));

  // Someone signed out follows the link from the text: sign in, then land on that run.
  const fresh = await browser.newContext();
  const phone = await fresh.newPage();
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/sign-in\?next=/);
  await phone.getByLabel("Email").fill(demoUsers.greenfieldOps.email);
  await phone.getByLabel("Password").fill(DEMO_PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone).toHaveURL(new RegExp(`${new URL(link).pathname}$`));
  await expect(phone.getByRole("heading", { level: 1 })).toContainText("Missed-call follow-up");
  // Leave no failure behind for later specs.
  await phone.goto("/clients/demo_greenfield/failed-sends");
  await phone.getByTestId("failed-send").filter({ hasText: "(312) 555-0692" }).getByRole("button", { name: "Mark resolved" }).click();
  await expect(phone.getByTestId("failed-send").filter({ hasText: "(312) 555-0692" })).toHaveCount(0);
  await fresh.close();
});
