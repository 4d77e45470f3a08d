import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { demoClients } from "../prisma/demo-data";
import { signIn } from "./fixtures/auth";
import { E2E_DATABASE_URL } from "./fixtures/env";
import { fakeTwilio, textsTo } from "./fixtures/fake-twilio";

// The agency's pages across every client: runs (with a client filter), failed sends (retry works on
// each row's own client) and the agency dashboard. Screenshots land in e2e/artifacts/screens/.
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/screens/agency-${name}.png`, fullPage: true });
const greenfieldCaller = "+13125550701";
const brightCaller = "+12125550702";
const brightFailing = "+12125550703";

const missedCall = (from: string, to: string) => fakeTwilio("/_fake/calls", { from, to, outcome: "no-answer" });

test.afterAll(async () => {
  // Other specs count what they do at the demo clients (roles.spec: Bright Smiles is empty; journey.spec:
  // Greenfield's funnel): leave both as we found them. Deleting a run also takes it out of the rollup.
  const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  const bright = demoClients.brightSmiles.id;
  for (const table of ["Message", "FlowRun", "Call", "Lead", "Appointment", "Notification", "CooldownClaim", "Contact"]) {
    await db.query(`DELETE FROM "${table}" WHERE "clientId" = $1`, [bright]);
  }
  const greenfield = demoClients.greenfield.id;
  await db.query(`DELETE FROM "Message" WHERE "clientId" = $1 AND $2 IN ("toNumber", "fromNumber")`, [greenfield, greenfieldCaller]);
  await db.query(`DELETE FROM "FlowRun" WHERE "clientId" = $1 AND "callerNumber" = $2`, [greenfield, greenfieldCaller]);
  await db.query(`DELETE FROM "Call" WHERE "clientId" = $1 AND "fromNumber" = $2`, [greenfield, greenfieldCaller]);
  await db.query(`DELETE FROM "CooldownClaim" WHERE "clientId" = $1 AND "contactE164" = $2`, [greenfield, greenfieldCaller]);
  await db.query(`DELETE FROM "Contact" WHERE "clientId" = $1 AND "e164" = $2`, [greenfield, greenfieldCaller]);
  await db.end();
});

test("the agency admin sees runs and failed sends of every client, filters to one, retries a text and reads the agency dashboard", async ({ page }) => {
  test.setTimeout(120_000);
  await fakeTwilio("/_fake/failures", { to: brightFailing, code: 30007 });
  await missedCall(greenfieldCaller, demoClients.greenfield.number.e164);
  await missedCall(brightCaller, demoClients.brightSmiles.number.e164);
  await missedCall(brightFailing, demoClients.brightSmiles.number.e164);

  await signIn(page, "agencyAdmin");
  const agencyNav = page.getByRole("navigation", { name: "Agency" });
  await agencyNav.getByRole("link", { name: "Runs" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Runs across all clients");
  const rows = page.getByTestId("run-row");
  // Live refresh brings the runs in as the engine starts them.
  await expect(rows.filter({ hasText: "(312) 555-0701" }).getByTestId("run-client")).toHaveText("Greenfield Plumbing", { timeout: 20_000 });
  await expect(rows.filter({ hasText: "(212) 555-0702" }).getByTestId("run-client")).toHaveText("Bright Smiles Dental", { timeout: 20_000 });
  await shot(page, "1-runs");

  await page.getByLabel("Client").selectOption({ label: "Bright Smiles Dental" });
  await expect(rows.filter({ hasText: "(312) 555-0701" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "(212) 555-0702" })).toHaveCount(1);
  for (const client of await page.getByTestId("run-client").allTextContents()) expect(client).toBe("Bright Smiles Dental");
  // With a client chosen, its flows fill the flow filter.
  await expect(page.getByLabel("Flow").locator("option")).toContainText(["All flows", "After-hours text back"]);
  await shot(page, "2-runs-one-client");

  await agencyNav.getByRole("link", { name: "Failed sends" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Failed sends across all clients");
  const failed = page.getByTestId("failed-send").filter({ hasText: "(212) 555-0703" });
  await expect(failed).toBeVisible({ timeout: 20_000 });
  await expect(failed.getByTestId("failed-send-client")).toHaveText("Bright Smiles Dental");
  await expect(failed.getByTestId("failed-reason")).toContainText("30007: The carrier filtered this text as spam");
  await shot(page, "3-failed-sends");
  // Retrying from the agency page goes through the row's own client.
  await fakeTwilio("/_fake/failures", { to: brightFailing, code: null });
  await failed.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("retry-result")).toContainText("Sent again and delivered to", { timeout: 15_000 });
  await expect(failed).toHaveCount(0);

  await agencyNav.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Agency dashboard");
  await expect(page.getByTestId("funnel-stage").first()).toContainText("Missed calls");
  const breakdown = page.getByTestId("client-breakdown-row");
  await expect(breakdown).toHaveCount(2);
  await expect(breakdown.filter({ hasText: "Bright Smiles Dental" }).locator("td").nth(1)).toHaveText("2");
  await expect(page.getByTestId("flow-reply-rate").filter({ hasText: "After-hours text back" })).toBeVisible();
  await shot(page, "4-dashboard");
});

test("after a carrier outage the agency retries every failed text at once, each sent once", async ({ page }) => {
  test.setTimeout(90_000);
  const outage = ["+12125550711", "+12125550712"];
  for (const to of outage) await fakeTwilio("/_fake/failures", { to, code: 30003 });
  for (const from of outage) await missedCall(from, demoClients.brightSmiles.number.e164);

  await signIn(page, "agencyAdmin");
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Failed sends" }).click();
  for (const caller of ["(212) 555-0711", "(212) 555-0712"]) await expect(page.getByTestId("failed-send").filter({ hasText: caller })).toBeVisible({ timeout: 20_000 });
  for (const to of outage) await fakeTwilio("/_fake/failures", { to, code: null });
  await page.getByRole("button", { name: /^Retry all \d+$/ }).click();
  await expect(page.getByTestId("bulk-retry-result")).toHaveText(/^Sent \d+ again\.$/);
  await expect(page.getByTestId("failed-send")).toHaveCount(0);
  // Twilio saw each caller's text twice — the one the outage lost and its one retry — and the retry arrived.
  for (const to of outage) {
    await expect.poll(async () => (await textsTo(to)).map((m) => m.status).sort()).toEqual(["delivered", "undelivered"]);
  }
});

test("people outside the agency get not found on the agency pages", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  for (const path of ["/agency/runs", "/agency/failed-sends", "/agency/dashboard"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await expect(page.getByRole("navigation", { name: "Agency" })).toHaveCount(0);
});
