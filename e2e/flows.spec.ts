import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { fitWholeFlow, nameStep } from "./fixtures/canvas";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/flows-${name}.png` });

async function newBlankFlow(page: Page, name: string) {
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  await page.getByRole("dialog", { name: "New flow" }).getByText("Blank canvas").click();
  await page.getByRole("dialog", { name: "New flow" }).getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** Bright Smiles' demo flow is live on all numbers: publishing another says they overlap; keep the demo flow first. */
async function keepTheOrder(page: Page) {
  const overlap = page.getByRole("dialog", { name: "Another live flow takes the same calls" });
  await expect(overlap).toContainText("After-hours text back");
  await overlap.getByRole("button", { name: "Keep the order" }).click();
  await expect(overlap).toBeHidden();
}

async function dragToCanvas(page: Page, paletteTestId: string, x: number, y: number) {
  const canvas = page.getByTestId("canvas");
  await page.getByTestId(paletteTestId).dragTo(canvas, { targetPosition: { x, y } });
}

test("an agency builder drags steps onto a blank canvas; problems are listed, focus their node, and block publishing; undo and redo work", async ({ page }) => {
  await signIn(page, "agencyBuilder");
  await newBlankFlow(page, `Drawn by hand ${Date.now()}`);
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await expect(page.getByTestId("publish-blocked")).toContainText("Fix");

  await dragToCanvas(page, "palette-action.sendSms", 300, 200);
  await expect(page.locator('[data-testid^="node-sendSms-"]')).toHaveCount(1);
  await dragToCanvas(page, "palette-condition.businessHours", 300, 400);
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(1);

  await page.getByRole("button", { name: /^Problems/ }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("has no next step");
  await problems.getByRole("button").filter({ hasText: "Business hours" }).first().click();
  await expect(page.getByTestId("inspector")).toContainText("Business hours");
  await shot(page, "problems");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(0);
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.locator('[data-testid^="node-businessHours-"]')).toHaveCount(1);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
});

test("the simulator lights up the after-hours path of the business-hours flow", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByTestId("flow-row").filter({ hasText: "After-hours text back" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Try it" }).click();
  await page.getByLabel("Call time").fill("2026-11-28T21:47");
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulation-result")).toContainText("We're closed right now");
  await expect(page.getByTestId("node-after-hours-text")).toHaveAttribute("data-on-path", "true", { timeout: 10_000 });
  await expect(page.getByTestId("node-call-back-text")).not.toHaveAttribute("data-on-path", "true");
  await shot(page, "simulated");
});

test("ops opens a flow read-only", async ({ page }) => {
  await signIn(page, "greenfieldOps");
  await page.getByRole("link", { name: "Flows" }).click();
  await page.getByTestId("flow-row").first().getByRole("link").first().click();
  await expect(page.getByTestId("flow-status")).toContainText("read-only");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByTestId("palette-action.sendSms")).toHaveCount(0);
});

type Step = ReturnType<Page["locator"]>;

/** A person's drag: press, move in small steps, release (React Flow ignores a single jump). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}
const centre = async (l: Step) => {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** Drag from a step's labelled output dot and drop it anywhere on the next step. */
async function connect(from: Step, handle: string, to: Step) {
  await from.locator(`.react-flow__handle.source[data-handleid="${handle}"]`).dragTo(to);
}

/** Drop a palette step so that its top-left corner lands at (x, y) inside the canvas. */
async function place(page: Page, kind: string, x: number, y: number): Promise<Step> {
  const before = await page.locator(".react-flow__node").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
  await dragToCanvas(page, `palette-${kind}`, x + 120, y + 30);
  const added = page.locator(".react-flow__node");
  await expect(added).toHaveCount(before.length + 1);
  const id = (await added.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")))).find((i) => !before.includes(i))!;
  return page.getByTestId(`node-${id}`);
}

test("an owner builds the business-hours-aware flow on a blank canvas by dragging, connecting and typing, then publishes version 1 with a note", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, "agencyAdmin");
  const name = `Business hours aware, by hand ${Date.now()}`;
  await newBlankFlow(page, name);
  // The editor gets the room: the app's sidebar shrinks to icons.
  await expect(page.locator("aside[data-compact]")).toBeVisible();
  await expect(page.getByTestId("blank-hint")).toBeVisible();
  await shot(page, "blank");

  // Move the trigger to the left edge, then lay the steps out in columns to its right.
  const trigger = page.getByTestId("node-trigger");
  const canvas = page.getByTestId("canvas");
  const box = (await canvas.boundingBox())!;
  const t = (await trigger.boundingBox())!;
  await drag(page, { x: t.x + 100, y: t.y + 20 }, { x: box.x + 20 + 100, y: box.y + 420 + 20 });
  await expect.poll(async () => Math.round((await trigger.boundingBox())!.x - box.x)).toBeLessThan(100);

  const hours = await place(page, "condition.businessHours", 280, 420);
  const openText = await place(page, "action.sendSms", 540, 180);
  const closedText = await place(page, "action.sendSms", 540, 660);
  const callBack = await place(page, "action.notifyStaff", 800, 180);
  const waitReply = await place(page, "wait.reply", 800, 660);
  const replied = await place(page, "action.notifyStaff", 1060, 660);
  const done = await place(page, "end", 1060, 420);

  // Set each step up in the inspector.
  await trigger.click();
  await page.getByRole("checkbox", { name: /\(212\) 555-0100/ }).check();
  await expect(trigger).toContainText("(212) 555-0100");
  await nameStep(page, hours, "Open now?");
  await nameStep(page, openText, "We'll call you back");
  await page.getByRole("textbox", { name: "Text message" }).fill("Hi {{contact.firstName|there}}, sorry we missed you! We'll call you right back. - {{business.name}}");
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();
  await nameStep(page, closedText, "After-hours text");
  await page.getByRole("textbox", { name: "Text message" }).fill("Thanks for calling {{business.name}}! We're closed right now. Reply here and we'll get back to you first thing.");
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();
  await expect(page.getByTestId("segment-count")).toContainText("1 segment");
  await nameStep(page, callBack, "Ask staff to call back");
  await page.getByRole("textbox", { name: "Message to staff" }).fill("Missed call from {{contact.phone}} at {{call.time}}: please call them back now. {{run.link}}");
  await nameStep(page, waitReply, "Wait for their reply");
  await page.getByLabel("Wait up to (minutes)").fill("720");
  await expect(waitReply).toContainText("12 h");
  await nameStep(page, replied, "Tell staff what they said");
  await page.getByRole("textbox", { name: "Message to staff" }).fill("After-hours reply from {{contact.phone}}: {{reply.body}} {{run.link}}");
  await nameStep(page, done, "Done");

  // Connect the labelled handles: open and closed, sent and failed, replied and timeout.
  await connect(trigger, "next", hours);
  await connect(hours, "open", openText);
  await connect(hours, "closed", closedText);
  await connect(openText, "sent", callBack);
  await connect(openText, "failed", callBack);
  await connect(callBack, "next", done);
  await connect(closedText, "sent", waitReply);
  await connect(closedText, "failed", done);
  await connect(waitReply, "replied", replied);
  await connect(waitReply, "timeout", done);
  await connect(replied, "next", done);
  await expect(page.locator(".react-flow__edge")).toHaveCount(11);
  await expect(page.getByRole("group", { name: "Open now?: Closed → After-hours text" })).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Wait for their reply: No reply → Done" })).toHaveCount(1);

  await page.getByRole("button", { name: /^Problems/ }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toHaveCount(0);
  await page.getByRole("button", { name: "Tidy up" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.waitForTimeout(400); // the fit-view animation, so the screenshot shows the whole flow
  await shot(page, "built");

  // Try it before going live: a call on Saturday night takes the after-hours branch.
  await page.getByRole("button", { name: "Try it" }).click();
  await page.getByLabel("Call time").fill("2026-11-28T21:47");
  await page.getByLabel("Caller reply").fill("Is Monday at 9 possible?");
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulation-result")).toContainText("We're closed right now");
  await expect(replied).toHaveAttribute("data-on-path", "true", { timeout: 10_000 });
  await expect(openText).not.toHaveAttribute("data-on-path", "true");
  await expect(page.getByRole("group", { name: "Open now?: Closed → After-hours text" })).toHaveClass(/on-path/);
  await shot(page, "built-simulated");

  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("form", { name: "Publish" }).getByLabel("What changed? (optional)").fill("Business hours aware, built by hand");
  await page.getByRole("button", { name: "Publish version" }).click();
  await keepTheOrder(page);
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");
  await page.getByRole("button", { name: "Versions" }).click();
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(1);
  await expect(versions).toContainText("Version 1");
  await expect(versions).toContainText("Business hours aware, built by hand");
  await expect(versions).toContainText("live");
  await shot(page, "versions");
  // The flows list shows it live on the demo number.
  await page.getByRole("link", { name: "Back to flows" }).click();
  // (By its own link: the demo flow's row names this one as overlapping.)
  await expect(page.getByTestId("flow-row").filter({ has: page.getByRole("link", { name, exact: true }) })).toContainText("Published v1");
});

test("a version is restored as the draft, and undo still works across publishing and restoring", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "agencyAdmin");
  await newBlankFlow(page, `Restore me ${Date.now()}`);
  const sms = await place(page, "action.sendSms", 60, 260);
  const end = await place(page, "end", 360, 420);
  await connect(page.getByTestId("node-trigger"), "next", sms);
  await connect(sms, "sent", end);
  await connect(sms, "failed", end);
  await sms.click();
  await page.getByRole("textbox", { name: "Text message" }).fill("Sorry we missed you! {{business.name}} will call you back soon.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  await keepTheOrder(page);
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");
  // Nothing to publish until the draft differs from the live version.
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await expect(page.getByTestId("publish-blocked")).toHaveText("Nothing to publish: the draft is version 1, which is live.");

  // Publishing kept the history: undo takes back the last edit, redo brings it back.
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(sms).not.toContainText("Sorry we missed you!");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(sms).toContainText("Sorry we missed you!");

  // Change the draft, look at version 1 read-only, then restore it from the versions panel.
  await sms.click();
  await page.getByRole("textbox", { name: "Text message" }).fill("A different text that will be thrown away.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.getByRole("button", { name: "Versions" }).click();
  await page.getByRole("list", { name: "Versions" }).getByRole("button", { name: "View" }).click();
  await expect(page.getByTestId("flow-status")).toHaveText("Viewing version 1 (read-only)");
  await expect(page.locator('[data-testid^="node-sendSms-"]')).toContainText("Sorry we missed you!");
  await expect(page.getByTestId("palette-end")).toHaveCount(0);
  await shot(page, "version-view");
  await page.getByRole("list", { name: "Versions" }).getByRole("button", { name: "Back to draft" }).click();
  await expect(sms).toContainText("A different text");
  await page.getByRole("list", { name: "Versions" }).getByRole("button", { name: "Restore as draft" }).click();
  await page.getByRole("dialog", { name: "Restore version 1 as the draft?" }).getByRole("button", { name: "Restore" }).click();
  await expect(sms).toContainText("Sorry we missed you!");
  await expect(sms).not.toContainText("A different text");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // The restore is one step in the history: undo returns to the text it replaced, and saves it.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(sms).toContainText("A different text");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.reload();
  await expect(page.locator('[data-testid^="node-sendSms-"]')).toContainText("A different text");
});

async function openStarter(page: Page, starter: string, name: string) {
  await page.goto("/clients/demo_bright_smiles/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText(starter).first().click();
  await dialog.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

test("copying a selection of steps pastes them with their edge between them, and undo takes the paste back", async ({ page }) => {
  await page.setViewportSize({ width: 1700, height: 1000 });
  await signIn(page, "agencyAdmin");
  await openStarter(page, "Business hours aware", `Copy and paste ${Date.now()}`);
  const nodes = page.locator(".react-flow__node");
  const edges = page.locator(".react-flow__edge");
  // The starter's 10 steps and 14 connections (its cooldown and repeat-call notice included).
  await expect(nodes).toHaveCount(10);
  await expect(edges).toHaveCount(14);

  await fitWholeFlow(page, "node-after-hours-text");
  await page.getByTestId("node-after-hours-text").click();
  await page.getByTestId("node-wait-until-open").click({ modifiers: ["Control"] });
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(nodes).toHaveCount(12);
  await expect(edges).toHaveCount(15);
  // The copies keep their settings and names, and are the new selection.
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await expect(page.locator(".react-flow__node.selected").filter({ hasText: "After-hours text" })).toContainText("We're closed right now");
  await expect(page.getByRole("group", { name: "After-hours text: Sent → Wait until we open" })).toHaveCount(2);
  await page.keyboard.press("Control+v");
  await expect(nodes).toHaveCount(14);
  await shot(page, "pasted");

  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await expect(nodes).toHaveCount(10);
  await expect(edges).toHaveCount(14);
});

test("an edge's end is dragged from one step to another, and the flow follows", async ({ page }) => {
  await page.setViewportSize({ width: 1700, height: 1000 });
  await signIn(page, "agencyAdmin");
  await openStarter(page, "Business hours aware", `Reconnect ${Date.now()}`);
  // The starter (10 steps since its cooldown) opens at a readable zoom from the trigger: show all of it
  // (again if the opening view was applied after the click).
  await fitWholeFlow(page, "node-call-them-back");
  // After-hours text (sent) leads to "Wait until we open"; the person moves it to "Ask staff to call back".
  const edge = page.getByTestId("rf__edge-after-hours-text:sent");
  await expect(edge).toHaveAttribute("aria-label", "After-hours text: Sent → Wait until we open");

  // Grab the ring around the edge's arrival end (just left of the step's input dot) and drop it on another step.
  const ring = (await edge.locator(".react-flow__edgeupdater-target").boundingBox())!;
  await drag(page, { x: ring.x + ring.width * 0.2, y: ring.y + ring.height / 2 }, await centre(page.getByTestId("node-call-them-back")));
  await expect(edge).toHaveAttribute("aria-label", "After-hours text: Sent → Ask staff to call back");
  await expect(page.locator(".react-flow__edge")).toHaveCount(14);
  // "Wait until we open" is now unreachable, and the problems say so.
  await page.getByRole("button", { name: /^Problems/ }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("Wait until we open");
  await shot(page, "reconnected");

  // Undo puts it back; redo moves it again, and the move is saved.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(edge).toHaveAttribute("aria-label", "After-hours text: Sent → Wait until we open");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(edge).toHaveAttribute("aria-label", "After-hours text: Sent → Ask staff to call back");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await page.reload();
  await expect(page.getByTestId("rf__edge-after-hours-text:sent")).toHaveAttribute("aria-label", "After-hours text: Sent → Ask staff to call back");
});

test("an agency admin copies a flow to another client as a draft", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  await page.goto("/clients/demo_bright_smiles/flows");
  const copies = page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" });
  const before = await copies.count();
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Missed-call follow-up" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Copy to clients" }).click();
  await page.getByRole("form", { name: "Copy to clients" }).getByLabel("Bright Smiles Dental").check();
  await page.getByRole("form", { name: "Copy to clients" }).getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status")).toContainText("Copied as 1 draft");
  await page.goto("/clients/demo_bright_smiles/flows");
  await expect(copies).toHaveCount(before + 1);
  await expect(copies.last()).toContainText("Draft");
});
