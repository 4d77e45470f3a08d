import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

// Runs in the "phone" project (390×844, touch): every page an owner or ops uses on a phone fits the
// screen's width, and its main action can be reached.
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/phone-${name}.png`, fullPage: true });

async function expectNoSidewaysScroll(page: Page) {
  await page.waitForLoadState("networkidle");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(clientWidth);
}

/** Reachable: on screen after scrolling to it, inside the screen's width, and not covered. */
async function expectReachable(page: Page, target: ReturnType<Page["locator"]>) {
  await target.scrollIntoViewIfNeeded();
  await expect(target).toBeInViewport();
  const box = (await target.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await target.click({ trial: true });
}

const pages: { name: string; path: string; main: (page: Page) => ReturnType<Page["locator"]> }[] = [
  { name: "inbox", path: "/clients/demo_greenfield/inbox", main: (p) => p.getByRole("list", { name: "Threads" }).or(p.getByText("No conversations yet")).first() },
  { name: "runs", path: "/clients/demo_greenfield/runs", main: (p) => p.getByLabel("Status") },
  { name: "failed-sends", path: "/clients/demo_greenfield/failed-sends", main: (p) => p.getByRole("tab", { name: /Failed/ }) },
  { name: "contacts", path: "/clients/demo_greenfield/contacts", main: (p) => p.getByRole("heading", { level: 1 }) },
  { name: "appointments", path: "/clients/demo_greenfield/appointments", main: (p) => p.getByRole("heading", { level: 1 }) },
  { name: "dashboard", path: "/clients/demo_greenfield/dashboard", main: (p) => p.getByRole("heading", { level: 1 }) },
  { name: "flows", path: "/clients/demo_greenfield/flows", main: (p) => p.getByRole("button", { name: "New flow" }).first() },
  { name: "settings", path: "/clients/demo_greenfield/settings", main: (p) => p.getByRole("button", { name: "Save settings" }) },
  { name: "phone-simulator", path: "/phone", main: (p) => p.getByRole("button", { name: /^Call / }) },
];

test("below 1024 px the sidebar is a menu, and no page scrolls sideways; each page's main action is reachable", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "greenfieldOwner");
  await expect(page.getByRole("complementary", { name: "Menu" })).toBeHidden();
  const menu = page.getByRole("complementary", { name: "Menu" });
  // The first tap opens it, right after signing in.
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(menu).toBeVisible();
  await shot(page, "menu");
  await menu.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(menu).toBeHidden();

  // A tap before the page is hydrated (a full load, JavaScript still coming) opens it too.
  const context = await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, javaScriptEnabled: false, storageState: await page.context().storageState() });
  const early = await context.newPage();
  await early.goto("/clients/demo_greenfield/runs");
  await early.getByRole("button", { name: "Open menu" }).click();
  await expect(early.getByRole("complementary", { name: "Menu" })).toBeVisible();
  await expect(early.getByRole("complementary", { name: "Menu" }).getByRole("link", { name: "Inbox" })).toBeInViewport();
  await context.close();

  for (const { name, path, main } of pages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
    await expectReachable(page, main(page));
    await shot(page, name);
  }
});

test("on a phone a run's detail fits, and the flow editor is read-only with a note", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  await page.goto("/clients/demo_greenfield/runs");
  const firstRun = page.getByTestId("run-row").first().getByRole("link").first();
  if (await firstRun.count()) {
    await firstRun.click();
    await expect(page.getByRole("region", { name: "Steps" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot(page, "run-detail");
  }
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  await expect(page.getByTestId("narrow-note")).toContainText("read-only");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByTestId("palette-action.sendSms")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectReachable(page, page.getByRole("button", { name: "Try it" }));
  await shot(page, "editor");
});
