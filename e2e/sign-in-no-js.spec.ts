import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoUsers } from "../prisma/demo-data";

// A sign-in form submitted before the page's JavaScript has run (slow network, JS off) is posted to
// the server: the password never travels in a URL (history, server logs, Referer), and it still signs in.

async function withoutJavaScript(browser: Browser, run: (page: Page, urls: string[]) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => urls.push(f.url()));
  try {
    await run(page, urls);
  } finally {
    await context.close();
  }
}

test("without JavaScript a sign-in posts the form, signs in and never puts the password in a URL", async ({ browser }) => {
  await withoutJavaScript(browser, async (page, urls) => {
    await page.goto("/sign-in?next=%2Fclients%2Fdemo_greenfield%2Fsettings");
    await page.getByLabel("Email").fill(demoUsers.greenfieldOwner.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/clients\/demo_greenfield\/settings$/);
    await expect(page.getByTestId("user-name")).toHaveText(demoUsers.greenfieldOwner.name);
    expect(urls.filter((u) => u.includes(DEMO_PASSWORD) || u.includes("password="))).toEqual([]);
  });
});

test("without JavaScript a wrong password comes back to the form with the message, and not in the URL", async ({ browser }) => {
  await withoutJavaScript(browser, async (page, urls) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demoUsers.agencyAdmin.email);
    await page.getByLabel("Password").fill("wrong-secret-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("That email and password don't match an account. Check both and try again.");
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    expect(urls.filter((u) => u.includes("wrong-secret-123") || u.includes("password="))).toEqual([]);
  });
});
