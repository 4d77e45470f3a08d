import { expect, test } from "@playwright/test";
import { sidebarSections, signIn } from "./fixtures/auth";

const allSections = ["Dashboard", "Flows", "Runs", "Failed sends", "Inbox", "Contacts & Leads", "Appointments", "Settings", "Phone numbers", "People", "Go live", "Audit log"];
/** What agency builders and ops do not get: a business's settings, numbers, people and audit log. */
const settingsSections = ["Settings", "Phone numbers", "People", "Audit log"];

test("the agency admin opens a client and finds every section with an empty state", async ({ page }) => {
  await signIn(page, "agencyAdmin");
  // Bright Smiles: no other spec calls it, so its sections are still empty whatever ran before.
  await page.getByTestId("client-card").filter({ hasText: "Bright Smiles Dental" }).click();
  await expect(page).toHaveURL(/\/clients\/demo_bright_smiles\/flows$/);
  await expect(page.getByRole("navigation", { name: "Agency" }).getByRole("link")).toHaveText(["All clients", "Dashboard", "Runs", "Failed sends", "People", "Audit log"]);
  await expect(sidebarSections(page)).toHaveText(allSections);
  await expect(page.getByTestId("flow-row")).toContainText(["After-hours text back"]);
  for (const [section, empty] of [
    ["Dashboard", "No missed calls yet"],
    ["Runs", "No runs yet"],
    ["Failed sends", "No failed sends"],
    ["Inbox", "No conversations yet"],
    ["Contacts & Leads", "No contacts yet"],
    ["Appointments", "No appointments yet"],
  ]) {
    await sidebarSections(page).filter({ hasText: section }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(section);
    await expect(page.getByRole("heading", { name: empty })).toBeVisible();
  }
  await page.screenshot({ path: "e2e/artifacts/screens/client-empty-appointments.png" });
});

test("the agency builder sees every client but not their settings", async ({ page }) => {
  await signIn(page, "agencyBuilder");
  await expect(page.getByTestId("client-card")).toHaveCount(2);
  await page.getByLabel("Switch business").selectOption({ label: "Bright Smiles Dental" });
  await expect(page).toHaveURL(/\/clients\/demo_bright_smiles\/flows$/);
  await expect(sidebarSections(page)).toHaveText(allSections.filter((s) => !settingsSections.includes(s)));
  const response = await page.goto("/clients/demo_bright_smiles/settings");
  expect(response?.status()).toBe(404);
});

test("the client owner sees only their business, with settings", async ({ page }) => {
  await signIn(page, "greenfieldOwner");
  await expect(page).toHaveURL(/\/clients\/demo_greenfield\/flows$/);
  await expect(page.getByLabel("Switch business")).toHaveCount(0);
  await expect(sidebarSections(page)).toHaveText(allSections);
  await expect(page.getByRole("navigation", { name: "Agency" })).toHaveCount(0);
  const other = await page.goto("/clients/demo_bright_smiles/flows");
  expect(other?.status()).toBe(404);
  await page.screenshot({ path: "e2e/artifacts/screens/owner-404-other-client.png" });
});

test("the client's ops user sees only what ops may see", async ({ page }) => {
  await signIn(page, "greenfieldOps");
  // Ops land on the inbox, where their work is.
  await expect(page).toHaveURL(/\/clients\/demo_greenfield\/inbox$/);
  await expect(sidebarSections(page)).toHaveText(allSections.filter((s) => !settingsSections.includes(s)));
  const settings = await page.goto("/clients/demo_greenfield/settings");
  expect(settings?.status()).toBe(404);
  const other = await page.goto("/clients/demo_bright_smiles/runs");
  expect(other?.status()).toBe(404);
});
