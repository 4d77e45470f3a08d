import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { verifySignature } from "../server/integrations/webhook/signature";
import { signIn } from "./fixtures/auth";
import { connect, placeStep } from "./fixtures/canvas";
import { sql } from "./fixtures/db";

// "Send to a webhook" built in the editor, published, and run by a call from the phone simulator:
// a receiver this spec starts on 127.0.0.1 gets the signed POST, its answer fills the next text, and
// the run page shows the path. (Loopback is allowed because the e2e server runs in the unsafe demo
// mode; a real production server refuses it.)

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/webhook-${name}.png` });
type Received = { headers: http.IncomingHttpHeaders; body: string };

let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"id":"T-77","status":"new"}');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`;
});
test.afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

test("an owner adds Send to a webhook, publishes, and a missed call posts the signed body; its answer fills the text and the run shows the path", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, "greenfieldOwner");

  // The secret a receiver checks signatures with, from Settings.
  await page.goto("/clients/demo_greenfield/settings");
  const secretSection = page.getByRole("region", { name: "Webhook signing secret" });
  await secretSection.getByRole("button", { name: "Show secret" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[0-9a-f]{64}$/);
  const secret = (await page.getByTestId("webhook-secret").textContent())!;

  const name = `CRM hand-off ${Date.now()}`;
  await page.goto("/clients/demo_greenfield/flows");
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText("Blank canvas").click();
  await dialog.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  const trigger = page.getByTestId("node-trigger");
  const hook = await placeStep(page, "action.webhook", 300, 160);
  const text = await placeStep(page, "action.sendSms", 580, 40);
  const done = await placeStep(page, "end", 580, 340);

  await hook.click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByLabel("Name on the canvas").fill("Tell the CRM");
  await inspector.getByLabel("Address (URL)").fill(receiverUrl);
  await inspector.getByLabel("Fields to keep from the answer").fill("id");
  await expect(hook).toContainText("Tell the CRM");
  await expect(hook).toContainText("127.0.0.1");
  // The body previews as the JSON it posts, values escaped; a body is not a text, so no segment count.
  await expect(inspector.getByTestId("message-preview")).toContainText('"business": "Acme Plumbing"');
  await expect(inspector.getByTestId("segment-count")).toHaveCount(0);
  await shot(page, "1-form");

  await text.click();
  await page.getByRole("textbox", { name: "Text message" }).fill("Sorry we missed you! Your ticket is {{webhook.crm.id|on its way}}.");
  await page.getByLabel("Immediate reply (sent even during quiet hours)").check();

  await connect(trigger, "next", hook);
  await connect(hook, "ok", text);
  await connect(hook, "failed", done);
  await connect(text, "sent", done);
  await connect(text, "failed", done);
  await expect(page.locator(".react-flow__edge")).toHaveCount(5);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
  await shot(page, "2-built");

  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  const overlap = page.getByRole("dialog", { name: "Another live flow takes the same calls" });
  await overlap.getByRole("button", { name: `Run “${name}” first` }).click();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");

  try {
    const caller = "+13125550777";
    await page.goto("/phone");
    await page.getByLabel("Caller's number").fill(caller);
    await page.getByRole("button", { name: /^Call / }).click();
    await expect(page.getByRole("status")).toContainText("Call placed");
    await expect(page.getByTestId("business-bubble").first()).toContainText("Your ticket is T-77.", { timeout: 30_000 });
    await shot(page, "3-phone");

    // The receiver got one POST, signed with the client's secret, with the run's idempotency key.
    expect(received).toHaveLength(1);
    const [post] = received;
    // The business's name as it is now: the settings spec renames it ("Greenfield Plumbing & Heating").
    const [{ businessName }] = await sql<{ businessName: string }>(`SELECT "businessName" FROM "Client" WHERE "id" = 'demo_greenfield'`);
    expect(JSON.parse(post.body)).toMatchObject({ business: businessName, caller: { phone: "(312) 555-0777" }, time: expect.stringMatching(/^\d{1,2}:\d{2} [AP]M$/) });
    expect(post.headers["idempotency-key"]).toMatch(/^.+:postWebhook:.+$/);
    expect(verifySignature({ secret, body: post.body, header: post.headers["x-ringback-signature"] as string, nowSeconds: Date.now() / 1000 })).toEqual({ ok: true });

    await page.goto("/clients/demo_greenfield/runs");
    await page.getByLabel("Caller", { exact: true }).fill("5550777");
    await page.getByTestId("run-row").first().getByRole("link").nth(1).click();
    await expect(page.getByTestId("path-step").filter({ hasText: "Tell the CRM" })).toContainText("→ Delivered");
    await expect(page.getByTestId("run-canvas").getByRole("group", { name: "Tell the CRM: Delivered → Send a text" })).toHaveClass(/on-path/);
    await shot(page, "4-run");
  } finally {
    // Other specs expect the demo flow to answer Greenfield's calls.
    await page.goto("/clients/demo_greenfield/flows");
    await page.getByRole("button", { name: `Archive ${name}` }).click();
    await page.getByRole("dialog", { name: `Archive “${name}”?` }).getByRole("button", { name: "Archive" }).click();
    await expect(page.getByTestId("flow-row").filter({ has: page.getByRole("link", { name, exact: true }) })).toHaveCount(0);
  }
});
