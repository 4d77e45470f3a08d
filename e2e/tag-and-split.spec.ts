import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { connect, nameStep, placeStep } from "./fixtures/canvas";
import { textsTo } from "./fixtures/fake-twilio";

// Tag contact and A/B split, built by hand in the editor, tried in the simulator, published, and
// run for real: a call from the phone simulator, the text of the branch drawn, the path on the run page.
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/tag-and-split-${name}.png` });

const SHORT = "Sorry we missed you! Reply and we'll call back.";
const LONG = "Thanks for calling Bright Smiles. We're with a patient right now; reply here and we'll get back to you within the hour.";

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

test("an agency builds a flow with Tag contact and an A/B split, tries both branches, publishes it, and a real call takes one branch", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, "agencyAdmin");
  const name = `Which text works ${Date.now()}`;
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText("Blank canvas").click();
  await dialog.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  const trigger = page.getByTestId("node-trigger");
  const box = (await page.getByTestId("canvas").boundingBox())!;
  const t = (await trigger.boundingBox())!;
  await drag(page, { x: t.x + 100, y: t.y + 20 }, { x: box.x + 120, y: box.y + 320 });
  const tag = await placeStep(page, "action.tagContact", 300, 320);
  const split = await placeStep(page, "action.abSplit", 580, 320);
  const short = await placeStep(page, "action.sendSms", 860, 160);
  const long = await placeStep(page, "action.sendSms", 860, 480);
  const done = await placeStep(page, "end", 1140, 320);

  // Tag contact: the form's two lists, summarised on the canvas.
  await nameStep(page, tag, "Tag as called");
  await page.getByLabel("Add tags").fill("called, e2e");
  await expect(tag).toContainText("+called +e2e");

  // A/B split: two named branches with weights; the outputs take the names.
  await nameStep(page, split, "Which text?");
  await page.getByLabel("Branch A name").fill("Short");
  await page.getByLabel("Branch B name").fill("Long");
  await page.getByLabel("Branch A weight").fill("60");
  await page.getByLabel("Branch B weight").fill("40");
  await expect(split).toContainText("Short 60% · Long 40%");
  await expect(split.locator('.react-flow__handle.source[data-handleid="a"]').locator("..")).toContainText("Short");
  await expect(split.locator('.react-flow__handle.source[data-handleid="b"]').locator("..")).toContainText("Long");
  await shot(page, "split-form");

  await nameStep(page, short, "Short text");
  await page.getByRole("textbox", { name: "Text message" }).fill(SHORT);
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();
  await nameStep(page, long, "Long text");
  await page.getByRole("textbox", { name: "Text message" }).fill(LONG);
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();

  await connect(trigger, "next", tag);
  await connect(tag, "next", split);
  await connect(split, "a", short);
  await connect(split, "b", long);
  for (const text of [short, long]) {
    await connect(text, "sent", done);
    await connect(text, "failed", done);
  }
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);
  await expect(page.getByRole("group", { name: "Which text?: Long → Long text" })).toHaveCount(1);
  await page.getByRole("button", { name: /^Problems/ }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toHaveCount(0);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await shot(page, "built");

  // The simulator lets the person pick the branch.
  await page.getByRole("button", { name: "Try it" }).click();
  await page.getByLabel("A/B split branch").selectOption({ label: "branch B" });
  await page.getByRole("button", { name: "Simulate" }).click();
  const result = page.getByTestId("simulation-result");
  await expect(result).toContainText("Tag contact: +called +e2e");
  await expect(result).toContainText("Pick a branch: branch B");
  await expect(result).toContainText("Which text? → Long");
  await expect(result).toContainText("we'll get back to you within the hour");
  await expect(long).toHaveAttribute("data-on-path", "true", { timeout: 10_000 });
  await expect(short).not.toHaveAttribute("data-on-path", "true");
  await shot(page, "simulated-b");
  await page.getByLabel("A/B split branch").selectOption({ label: "branch A" });
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(result).toContainText("Which text? → Short");
  await expect(short).toHaveAttribute("data-on-path", "true", { timeout: 10_000 });

  // Publish, and let it answer the business's calls first.
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  const overlap = page.getByRole("dialog", { name: "Another live flow takes the same calls" });
  await overlap.getByRole("button", { name: `Run “${name}” first` }).click();
  await expect(overlap).toBeHidden();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");

  // A missed call from the phone simulator: the text of the branch drawn arrives.
  const caller = "+13125550681";
  await page.goto("/phone");
  await page.getByLabel("Business number").selectOption({ label: "Bright Smiles Dental · (212) 555-0100" });
  await page.getByLabel("Caller's number").fill(caller);
  await page.getByRole("button", { name: /^Call / }).click();
  await expect(page.getByRole("status")).toContainText("Call placed");
  const bubble = page.getByTestId("business-bubble").first();
  await expect(bubble).toContainText(/Sorry we missed you! Reply and we'll call back\.|within the hour/, { timeout: 20_000 });
  const tookShort = (await bubble.textContent())!.includes(SHORT);
  expect(await textsTo(caller)).toHaveLength(1);
  await shot(page, "phone");

  // The run page: the path through the tag, the split and the branch drawn.
  await page.goto("/clients/demo_bright_smiles/runs");
  await page.getByLabel("Caller", { exact: true }).fill("5550681");
  await page.getByTestId("run-row").first().getByRole("link").nth(1).click();
  const runCanvas = page.getByTestId("run-canvas");
  const [taken, other] = tookShort ? [short, long] : [long, short];
  for (const id of [await tag.getAttribute("data-testid"), await split.getAttribute("data-testid"), await taken.getAttribute("data-testid")]) {
    await expect(runCanvas.getByTestId(id!)).toHaveAttribute("data-on-path", "true", { timeout: 15_000 });
  }
  await expect(runCanvas.getByTestId((await other.getAttribute("data-testid"))!)).not.toHaveAttribute("data-on-path", "true");
  // Each step by what its kind calls it, at the step the owner named.
  await expect(page.getByTestId("run-step").filter({ hasText: "Tag contact" }).filter({ hasText: "at Tag as called" }).first()).toBeVisible();
  await expect(page.getByTestId("run-step").filter({ hasText: "Pick a branch" }).filter({ hasText: "at Which text?" }).first()).toBeVisible();
  await shot(page, "run");

  // Archive it again, so the demo flow answers Bright Smiles' calls for any spec after this one.
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await page.getByRole("dialog", { name: `Archive “${name}”?` }).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId("flow-row").filter({ has: page.getByRole("link", { name, exact: true }) })).toHaveCount(0);
});
