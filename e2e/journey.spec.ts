import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { fitWholeFlow } from "./fixtures/canvas";
import { sql } from "./fixtures/db";
import { fakeTwilio, textsTo } from "./fixtures/fake-twilio";

// The whole product in a real browser: app + local Inngest engine + fake Twilio, nothing mocked
// inside the app. Screenshots land in e2e/artifacts/screens/.
const staffMobile = "+13125550142";
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/journey-${name}.png`, fullPage: true });

async function callFromSimulator(page: Page, caller: string) {
  await page.goto("/phone");
  await page.getByLabel("Caller's number").fill(caller);
  await page.getByRole("button", { name: /^Call / }).click();
  await expect(page.getByRole("status")).toContainText("Call placed");
}

async function reply(page: Page, body: string) {
  await page.getByRole("textbox", { name: "Text message", exact: true }).fill(body);
  await page.getByRole("button", { name: "Send" }).click();
}

test("owner edits and publishes, a missed call is texted, EMERGENCY alerts staff, a booking is confirmed, run history shows the path", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "greenfieldOwner");
  // Follow-ups (the booking offer) wait out quiet hours; this test must not depend on the time it runs.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Hold follow-up texts overnight").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await page.getByRole("link", { name: "Flows" }).click();
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  // The flow opens readable, at its trigger; fit the whole flow to reach the text step.
  await fitWholeFlow(page, "node-text-new");
  await page.getByTestId("node-text-new").click();
  const message = page.getByRole("textbox", { name: "Text message" });
  await message.fill("Thanks for calling {{business.name}}! Sorry we missed you. What do you need? Reply EMERGENCY if it's urgent.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("form", { name: "Publish" }).getByLabel("What changed? (optional)").fill("Shorter question");
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 2");
  await shot(page, "1-editor-published");

  // Specs before this one may have placed missed calls on this business (flow order): the dashboard
  // below must show this journey's two on top of them.
  const [{ n: missedBefore }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Call" WHERE "clientId" = 'demo_greenfield' AND "missed" AND "createdAt" > now() - interval '30 days'`);

  // A missed call from the phone simulator produces the text, within seconds.
  const caller = "+13125550601";
  await callFromSimulator(page, caller);
  await expect(page.getByTestId("business-bubble").first()).toContainText("What do you need?", { timeout: 20_000 });
  await reply(page, "EMERGENCY the basement is flooding");
  await expect(page.getByTestId("business-bubble").last()).toContainText("will call you within minutes", { timeout: 20_000 });
  await expect.poll(async () => (await textsTo(staffMobile)).some((m) => m.body.includes("basement is flooding")), { timeout: 15_000 }).toBe(true);
  await shot(page, "2-phone-emergency");

  // A caller who asks for a visit is offered times and books one.
  const booker = "+13125550602";
  await callFromSimulator(page, booker);
  await expect(page.getByTestId("business-bubble").first()).toBeVisible({ timeout: 20_000 });
  await reply(page, "Can someone look at my water heater?");
  await expect(page.getByTestId("business-bubble").last()).toContainText("Reply 1, 2 or 3", { timeout: 20_000 });
  await reply(page, "1");
  await expect(page.getByTestId("business-bubble").last()).toContainText("You're booked for", { timeout: 20_000 });
  await shot(page, "3-phone-booked");

  // Run history shows the path the emergency run took.
  await page.getByRole("link", { name: "Runs" }).click();
  await page.getByLabel("Caller", { exact: true }).fill("5550601");
  await page.getByTestId("run-row").first().getByRole("link").nth(1).click();
  await expect(page.getByTestId("path-step").filter({ hasText: "Emergency?" })).toContainText("→ Match");
  await expect(page.getByTestId("path-step").filter({ hasText: "Alert staff now" })).toBeVisible();
  // The pinned version's canvas lights up the same path: the emergency branch, not the booking one.
  const runCanvas = page.getByTestId("run-canvas");
  await expect(runCanvas.getByTestId("node-alert-staff")).toHaveAttribute("data-on-path", "true");
  await expect(runCanvas.getByTestId("node-offer-booking")).not.toHaveAttribute("data-on-path", "true");
  await expect(runCanvas.getByRole("group", { name: "Emergency?: Match → Alert staff now" })).toHaveClass(/on-path/);
  await expect(runCanvas.getByRole("group", { name: "Emergency?: No match → Offer a visit" })).not.toHaveClass(/on-path/);
  await runCanvas.getByTestId("node-alert-staff").click();
  await expect(page.getByTestId("steps-heading")).toHaveText("Steps at Alert staff now");
  await expect(page.getByTestId("run-step")).toHaveCount(1);
  await expect(page.getByTestId("run-step")).toContainText("Notify staff");
  await shot(page, "4-run-detail");

  // The owner's dashboard shows whether text-back is paying off.
  await page.getByRole("link", { name: "Dashboard" }).click();
  const stages = page.getByTestId("funnel-stage");
  await expect(stages).toHaveCount(5);
  await expect(stages.filter({ hasText: "Missed calls" })).toHaveText(new RegExp(`Missed calls\\s*${missedBefore + 2}$`));
  await expect(stages.filter({ hasText: "Booked" })).toContainText("1");
  await shot(page, "4b-dashboard");

  // A caller who has not replied yet: the run canvas marks the step it waits at.
  const quiet = "+13125550603";
  await callFromSimulator(page, quiet);
  await expect(page.getByTestId("business-bubble").first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "Runs" }).click();
  await page.getByLabel("Caller", { exact: true }).fill("5550603");
  await page.getByTestId("run-row").first().getByRole("link").nth(1).click();
  await expect(page.getByTestId("run-canvas").getByTestId("node-wait-reply")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  await expect(page.getByTestId("run-canvas").getByTestId("node-text-new")).toHaveAttribute("data-on-path", "true");
  await expect(page.getByTestId("run-canvas").getByTestId("node-emergency")).not.toHaveAttribute("data-on-path", "true");
  await shot(page, "4c-run-waiting");
});

test("ops finds a text the carrier filtered, reads why, retries it and sees it delivered", async ({ page }) => {
  test.setTimeout(90_000);
  const caller = "+13125550611";
  await fakeTwilio("/_fake/failures", { to: caller, code: 30007 });
  await signIn(page, "greenfieldOps");
  await callFromSimulator(page, caller);
  await page.getByRole("link", { name: "Failed sends" }).click();
  const failed = page.getByTestId("failed-send").filter({ hasText: "(312) 555-0611" });
  await expect(failed).toBeVisible({ timeout: 20_000 });
  await expect(failed.getByTestId("failed-reason")).toHaveText(
    "30007: The carrier filtered this text as spam: change the wording, or finish A2P 10DLC registration for the sending number.",
  );
  await shot(page, "5-failed-send");
  await fakeTwilio("/_fake/failures", { to: caller, code: null });
  await failed.getByRole("button", { name: "Retry" }).dblclick();
  await expect(page.getByTestId("retry-result")).toContainText("Sent again and delivered to", { timeout: 15_000 });
  await expect(failed).toHaveCount(0);
  await expect.poll(async () => (await textsTo(caller)).filter((m) => m.status === "delivered").length, { timeout: 15_000 }).toBe(1);
  expect(await textsTo(caller)).toHaveLength(2); // the filtered original and exactly one retry
  await shot(page, "6-after-retry");
});
