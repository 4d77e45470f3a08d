import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { fakeTwilio, textsTo } from "./fixtures/fake-twilio";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/flow-order-${name}.png`, fullPage: true });
const missedCall = (from: string) => fakeTwilio("/_fake/calls", { from, to: "+13125550100", outcome: "no-answer" });

/** The runs of one caller, once the text has arrived (a call's runs all exist before any of them texts). */
async function runsOf(page: Page, caller: string) {
  await expect.poll(async () => (await textsTo(caller)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await page.goto("/clients/demo_greenfield/runs");
  await page.getByLabel("Caller").fill(caller.slice(2));
  await expect(page.getByTestId("run-row").first()).toBeVisible();
  return page.getByTestId("run-row");
}

test("publishing a second flow on the same calls warns and offers the order; a missed call then gets one text, from the first flow", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "greenfieldOwner");
  const name = `Business hours aware ${Date.now()}`;
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText("Business hours aware").click();
  await dialog.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  const overlap = page.getByRole("dialog", { name: "Another live flow takes the same calls" });
  await expect(overlap).toContainText("“Missed-call follow-up” is also live");
  await expect(overlap).toContainText("only for calls the other does not listen for");
  await shot(page, "1-warned");
  // Escape closes it and keeps the order.
  await page.keyboard.press("Escape");
  await expect(overlap).toBeHidden();

  await page.goto("/clients/demo_greenfield/flows");
  await expect(page.getByTestId("overlap-note")).toBeVisible();
  const rows = page.getByTestId("flow-row");
  // A row by its own flow's link (another row's overlap note names this flow too).
  const row = (flow: string) => rows.filter({ has: page.getByRole("link", { name: flow, exact: true }) });
  await expect(rows.nth(0)).toContainText("Missed-call follow-up");
  await expect(rows.nth(0).getByTestId("flow-order")).toHaveText("1");
  await expect(row(name).getByTestId("flow-order")).toContainText("2");
  await expect(row(name).getByTestId("flow-overlap")).toContainText("answers only the calls an earlier flow does not listen for");
  await shot(page, "2-list");

  const first = "+13125550671";
  await missedCall(first);
  const firstRuns = await runsOf(page, first);
  await expect(firstRuns).toHaveCount(1);
  await expect(firstRuns.first()).toContainText("Missed-call follow-up");
  expect(await textsTo(first)).toHaveLength(1);

  // The owner moves the new flow up: it now answers, and still alone.
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("button", { name: `Move ${name} up` }).click();
  await expect(rows.nth(0)).toContainText(name);
  const second = "+13125550672";
  await missedCall(second);
  const secondRuns = await runsOf(page, second);
  await expect(secondRuns).toHaveCount(1);
  await expect(secondRuns.first()).toContainText(name);
  expect(await textsTo(second)).toHaveLength(1);

  // Archive it again (other specs expect the demo flow to answer), through the in-page dialog.
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Archive “${name}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Archive" }).click();
  await expect(row(name)).toHaveCount(0);
  await expect(page.getByTestId("overlap-note")).toHaveCount(0);
});
