import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { connect, placeStep } from "./fixtures/canvas";

// "Text received" built in the editor: the trigger swapped in from the palette, a Send a text that
// quotes {{trigger.message}}, published; the editor's simulator tries it from a first text, and the
// phone simulator texts the business first and gets the reply; the run appears under Runs.

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/text-received-${name}.png` });

test("an owner builds a 'Text received' flow, publishes it, and a first text from the phone simulator gets the reply", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, "greenfieldOwner");

  const name = `Texted first ${Date.now()}`;
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText("Blank canvas").click();
  await dialog.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // A blank flow starts from a missed call; the palette offers the other trigger in its place.
  const trigger = page.getByTestId("node-trigger");
  await expect(trigger).toContainText("Missed call");
  await expect(page.getByTestId("palette-trigger.missedCall")).toHaveCount(0);
  await page.getByTestId("palette-trigger.textReceived").click();
  await expect(trigger).toContainText("Text received");
  await expect(trigger).toContainText("Any number · any text");
  await expect(page.getByTestId("palette-trigger.textReceived")).toHaveCount(0);
  await expect(page.getByTestId("palette-trigger.missedCall")).toHaveCount(1);
  await expect(page.getByTestId("inspector")).toContainText("Only texts with these words (optional)");

  const text = await placeStep(page, "action.sendSms", 320, 40);
  const done = await placeStep(page, "end", 620, 40);
  await text.click();
  const inspector = page.getByTestId("inspector");
  // The chips offer the text's own variables, and no {{call.*}}: this flow has no call.
  const chips = inspector.getByLabel("Insert a variable");
  await expect(chips.getByRole("button", { name: "trigger.message", exact: true })).toBeVisible();
  await expect(chips.getByRole("button", { name: "call.time", exact: true })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Text message" }).fill("You called at {{call.time}}");
  await expect(inspector).toContainText("{{call.time}} in 'Send a text' has no value in a flow started by 'Text received': use {{trigger.time}} instead.");
  await page.getByRole("textbox", { name: "Text message" }).fill("Thanks for texting {{business.name}}! You said: {{trigger.message}}");
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();

  await connect(trigger, "next", text);
  await connect(text, "sent", done);
  await connect(text, "failed", done);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await shot(page, "1-built");

  // The editor's simulator starts it from a first text.
  await page.getByRole("button", { name: "Try it" }).click();
  await expect(page.getByLabel("Call time")).toHaveCount(0);
  await page.getByLabel("Text time").fill("2026-11-30T10:00");
  await page.getByLabel("Their first text").fill("Can you fix a dripping tap?");
  await page.getByRole("button", { name: "Simulate" }).click();
  const result = page.getByTestId("simulation-result");
  await expect(result).toContainText("You said: Can you fix a dripping tap?");
  await expect(result).toContainText("Outcome: completed");
  await shot(page, "2-simulated");

  // Text triggers do not compete with missed-call flows: no overlap to settle.
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");

  const sender = "+13125550888";
  await page.goto("/phone");
  await page.getByLabel("Caller's number").fill(sender);
  await page.getByRole("textbox", { name: "Text message" }).fill("Do you fix water heaters?");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("text-sent")).toContainText("Text sent");
  await expect(page.getByTestId("business-bubble").first()).toContainText("You said: Do you fix water heaters?", { timeout: 30_000 });
  await shot(page, "3-phone");

  // The run appears under Runs, and its page shows the text that started it.
  await page.getByTestId("text-sent").getByRole("link", { name: "Open run history" }).click();
  const row = page.getByTestId("run-row").filter({ hasText: name });
  await expect(row.first()).toBeVisible({ timeout: 15_000 });
  await row.first().getByRole("link").first().click();
  await expect(page.getByTestId("trigger-text")).toHaveText("“Do you fix water heaters?”");
  await shot(page, "4-run");
});
