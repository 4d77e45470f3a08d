import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

// A laptop window 720 px high: the sidebar (agency links, the client's sections, the phone
// simulator, the signed-in person) is taller than that, so its links must scroll into reach rather
// than be cut off below the window — on an ordinary page and in the flow editor's icon sidebar.
test.use({ viewport: { width: 1280, height: 720 } });

async function everyLinkReachable(page: Page, shot: string) {
  const sidebar = page.getByRole("complementary", { name: "Menu" });
  const links = sidebar.getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThan(10);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const name = (await link.getAttribute("title")) ?? (await link.textContent());
    await link.scrollIntoViewIfNeeded();
    const box = (await link.boundingBox())!;
    // Wholly inside the window, and the link itself is what a click there would hit (not cut off or covered).
    expect(box.y, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${name} ends inside the window`).toBeLessThanOrEqual(720);
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("a")?.getAttribute("href") ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit, `${name} is on top where it shows`).toBe(await link.getAttribute("href"));
  }
  // Nothing of the sidebar stays below the window: its bottom (the signed-in person) can be brought into view.
  await sidebar.evaluate((el) => el.scrollIntoView({ block: "end" }));
  const aside = (await sidebar.boundingBox())!;
  expect(aside.y + aside.height, "the sidebar's bottom edge is inside the window").toBeLessThanOrEqual(720);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await page.screenshot({ path: `e2e/artifacts/screens/sidebar-1280x720-${shot}.png` });
}

test("at 1280×720 every sidebar link, down to the last, can be scrolled to and clicked", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  // A short page: nothing to scroll in the page itself.
  await page.goto("/clients/demo_greenfield/audit");
  await everyLinkReachable(page, "page");
  // The flow editor, whose sidebar is a column of icons.
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("link", { name: "Missed-call follow-up" }).first().click();
  await expect(page.getByRole("button", { name: "Tidy up" })).toBeVisible();
  await everyLinkReachable(page, "editor");
  // The last section link (the bottom of the client's list) opens its page.
  const last = page.getByRole("navigation", { name: "Sections" }).getByRole("link").last();
  const href = (await last.getAttribute("href"))!;
  await last.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});
