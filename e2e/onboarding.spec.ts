import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { fakeTwilio } from "./fixtures/fake-twilio";

// Issue 15, end to end as an agency would: a new client from nothing to live, through the UI only —
// create the business, invite its owner (who accepts from the dev mailbox and signs in), buy a number
// in 415 from (fake) Twilio, publish a starter flow, place the test call and watch the checklist go live.
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/onboarding-${name}.png`, fullPage: true });

test("an agency admin takes Harbor Auto Repair from nothing to live", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, "agencyAdmin");

  // 1. The client.
  await page.getByRole("link", { name: "New client" }).click();
  await page.getByLabel("Name, as texted to callers").fill("Harbor Auto Repair");
  await page.getByText("Mon–Sat 7–7").click();
  await page.getByLabel("Name", { exact: true }).fill("Hank Harbor");
  await page.getByLabel("Mobile").fill("(415) 555-0142");
  await shot(page, "1-new-client");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Go live · Harbor Auto Repair");
  await expect(page.getByTestId("check-hours")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("check-staff")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("check-number")).not.toHaveAttribute("data-done", "true");
  const clientId = page.url().match(/\/clients\/([^/]+)\/setup/)![1];

  // 2. Its owner, invited by email; the link is also shown for copying.
  await expect(page.getByLabel("Switch business")).toHaveValue(clientId);
  await page.getByRole("link", { name: "invite the owner and their staff" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  const ownerEmail = `harriet.${Date.now()}@harbor.test`;
  await page.getByLabel("Email").fill(ownerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("owner");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("invitation-sent")).toContainText(`Invitation emailed to ${ownerEmail}`);
  await expect(page.getByRole("list", { name: "Invitations" })).toContainText(ownerEmail);
  await shot(page, "2-people");

  // The owner, in a browser of their own: the dev mailbox, the link, a name and a password.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto("/mailbox");
  const email = owner.getByTestId("email").filter({ hasText: ownerEmail }).first();
  await expect(email).toContainText("You're invited to Harbor Auto Repair on Ringback");
  await shot(owner, "3-mailbox");
  await email.getByRole("link", { name: /\/invite\// }).click();
  await expect(owner.getByRole("heading", { name: "Join Harbor Auto Repair" })).toBeVisible();
  const inviteUrl = owner.url();
  await owner.getByLabel("Your name").fill("Harriet Harbor");
  await owner.getByLabel("Choose a password").fill("harbor-owner-pw");
  await shot(owner, "4-accept");
  await owner.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(owner.getByTestId("user-name")).toHaveText("Harriet Harbor");
  await expect(owner).toHaveURL(new RegExp(`/clients/${clientId}/`));
  // The link was single-use.
  await owner.goto(inviteUrl);
  await expect(owner.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  await ownerContext.close();

  // 3. A number in 415, bought by the app with its webhooks set.
  await page.goto(`/clients/${clientId}/numbers`);
  await page.getByLabel("Business phone to ring").fill("(415) 555-0123");
  await page.getByLabel("Area code").fill("415");
  await page.getByRole("button", { name: "Search" }).click();
  const forSale = page.getByRole("list", { name: "Numbers for sale" });
  await expect(forSale.getByRole("listitem").first()).toContainText("(415) 555-");
  await forSale.getByRole("button", { name: /^Buy / }).first().click();
  await expect(page.getByRole("status")).toContainText("is connected and its webhooks point at the app");
  await expect(page.getByTestId("number-verified")).toBeVisible();
  await page.getByRole("button", { name: "Check in Twilio" }).click();
  await expect(page.getByRole("list", { name: "Webhook checks" })).toContainText("voice URL: points at the app");
  await shot(page, "5-numbers");
  const bought = (await page.getByTestId("number-row").first().locator("p").first().textContent())!.trim();

  // US texting: until an A2P campaign is approved on the client's Messaging Service, every page says
  // its texts will be filtered. The agency's Twilio account has a service whose campaign is in review.
  const service = await fakeTwilio<{ sid: string }>("/_fake/messaging-services", { friendlyName: `Harbor A2P ${Date.now()}`, campaignStatus: "IN_PROGRESS" });
  await page.reload(); // the service was made in Twilio (its console) after this page listed the account's services
  const filtered = page.getByRole("note", { name: "Texts filtered" });
  await expect(filtered).toContainText("Texts to US numbers will be filtered by carriers until the A2P campaign is approved: no Messaging Service is chosen");
  await page.getByLabel("Messaging Service").selectOption(service.sid);
  await page.getByRole("button", { name: "Use this service" }).click();
  await expect(filtered).toContainText("Texts to US numbers will be filtered by carriers until the A2P campaign is approved: status IN_PROGRESS");
  await expect(page.getByTestId("a2p-status")).toContainText("status IN_PROGRESS");
  await shot(page, "5b-a2p-in-review");
  // The campaign's review passes in Twilio; the app reads it on refresh.
  await fakeTwilio("/_fake/messaging-services/campaign", { serviceSid: service.sid, status: "VERIFIED" });
  await page.getByRole("button", { name: "Refresh status from Twilio" }).click();
  await expect(page.getByTestId("a2p-status")).toContainText("A2P campaign approved (VERIFIED)");
  await expect(filtered).toHaveCount(0);

  // 4. A starter flow, published.
  await page.goto(`/clients/${clientId}/flows`);
  await page.getByRole("button", { name: "New flow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New flow" });
  await dialog.getByText("Text back every missed call").first().click();
  await dialog.getByLabel("Name").fill("Harbor text back");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Harbor text back");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByTestId("flow-status")).toContainText("Live: version 1");

  await page.goto(`/clients/${clientId}/setup`);
  await expect(page.getByTestId("check-flow")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("check-a2p")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("check-testCall")).not.toHaveAttribute("data-done", "true");
  await shot(page, "6-checklist-before-call");

  // 5. The test call: let it ring out; the text back is delivered and the checklist turns live.
  await page.goto("/phone");
  await page.getByLabel("Business number").selectOption({ label: `Harbor Auto Repair · ${bought}` });
  await page.getByLabel("Caller's number").fill("+14155550177");
  await page.getByRole("button", { name: /^Call / }).click();
  await expect(page.getByRole("status")).toContainText("Call placed");
  await expect(page.getByTestId("business-bubble").first()).toContainText("Harbor Auto Repair", { timeout: 20_000 });

  await page.goto(`/clients/${clientId}/setup`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("go-live-status")).toContainText("Live", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await shot(page, "7-live");

  // The agency's clients page shows it live, with its health.
  await page.goto("/");
  const card = page.getByTestId("client-card").filter({ hasText: "Harbor Auto Repair" });
  await expect(card.getByTestId("live-badge")).toHaveText("Live");
  await expect(page.getByRole("region", { name: "Not live yet" })).not.toContainText("Harbor Auto Repair");
  await shot(page, "8-clients");
  // The audit log says who did what on the way.
  await page.goto(`/clients/${clientId}/audit`);
  const log = page.getByRole("list", { name: "Audit log" });
  await expect(log).toContainText(`Ava Northwind invited ${ownerEmail} as owner`);
  await expect(log).toContainText("Harriet Harbor accepted the invitation");
  await expect(log).toContainText(`bought +1415555`);
  await expect(log).toContainText("published version 1 of “Harbor text back”");
  await page.getByLabel("What").selectOption("people");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(log).not.toContainText("published version");
  await shot(page, "9-audit");

  await page.goto("/agency/people");
  await expect(page.getByRole("list", { name: "Members" })).toContainText("ava@northwind.test");
  await shot(page, "10-agency-people");

  // Archived, its number stops starting flows and it leaves the clients list (other specs count the
  // demo clients); its history stays readable, and it can be restored.
  await page.goto(`/clients/${clientId}/setup`);
  await page.getByRole("button", { name: "Archive Harbor Auto Repair" }).click();
  await page.getByRole("dialog", { name: "Archive Harbor Auto Repair?" }).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("region", { name: "Archived clients" })).toContainText("Harbor Auto Repair");
  await expect(page.getByTestId("client-card").filter({ hasText: "Harbor Auto Repair" })).toHaveCount(0);
  await shot(page, "11-archived");
  await page.getByRole("region", { name: "Archived clients" }).getByRole("link", { name: "Harbor Auto Repair" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Runs");
  await expect(page.getByTestId("run-row")).toHaveCount(1);
});
