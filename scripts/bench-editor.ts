// npm run bench:editor (after npm run build) — opens a 300-node flow (and a 10-node one, for the ratio) in Chromium and prints the time
// to first render, to interactive, and frames per second while panning the canvas.
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import pg from "pg";

const PORT = Number(process.env.BENCH_EDITOR_PORT ?? 3900);
const DB = "postgresql://postgres@127.0.0.1:5432/ringback_bench_editor";
const base = `http://127.0.0.1:${PORT}`;
const server = spawn("npx", ["tsx", "e2e/fixtures/server.ts"], { env: { ...process.env, E2E_PORT: String(PORT), E2E_DATABASE_URL: DB }, stdio: "ignore", detached: true });
// npx → tsx → next: stop the whole process group.
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
};

async function waitForApp() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

/** A 300-node flow: a trigger, then rows of texts whose both handles lead on, ending in End. */
function bigGraph(n: number) {
  const nodes: unknown[] = [{ id: "trigger", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: { numbers: [], reasons: ["no-answer"] } }];
  const edges: unknown[] = [];
  let previous = { id: "trigger", handles: ["next"] };
  for (let i = 1; i < n - 1; i++) {
    const id = `sms-${i}`;
    nodes.push({ id, kind: "action.sendSms", label: `Text ${i}`, position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 220 }, config: { template: `Message ${i} from {{business.name}}`, immediate: true } });
    for (const h of previous.handles) edges.push({ id: `${previous.id}:${h}`, source: previous.id, sourceHandle: h, target: id });
    previous = { id, handles: ["sent", "failed"] };
  }
  nodes.push({ id: "end", kind: "end", position: { x: 0, y: Math.ceil(n / 20) * 220 }, config: {} });
  for (const h of previous.handles) edges.push({ id: `${previous.id}:${h}`, source: previous.id, sourceHandle: h, target: "end" });
  return { nodes, edges };
}

try {
  await waitForApp();
  const db = new pg.Client({ connectionString: DB });
  await db.connect();
  // The 300-step flow, and a 10-step one measured in turn with it: on a shared machine the absolute
  // figures move with the load, the ratio between the two much less.
  const sizes = [300, 10];
  for (const n of sizes) {
    await db.query(`INSERT INTO "Flow" (id, "clientId", name, "draftGraph", "createdAt", "updatedAt") VALUES ($1, 'demo_greenfield', $2, $3, now(), now()) ON CONFLICT (id) DO UPDATE SET "draftGraph" = EXCLUDED."draftGraph"`, [`bench_${n}`, `${n} nodes`, JSON.stringify(bigGraph(n))]);
  }
  await db.end();

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("olivia@greenfield.test");
  await page.getByLabel("Password").fill("ringback-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

  const rows: [string, string][] = [];
  const firstRenders = new Map<number, number[]>(sizes.map((n) => [n, []]));
  for (let run = 1; run <= 3; run++) for (const n of sizes) {
    const t0 = Date.now();
    await page.goto(`${base}/clients/demo_greenfield/flows/bench_${n}`);
    await page.locator(".react-flow__node").first().waitFor();
    const firstRender = Date.now() - t0;
    firstRenders.get(n)!.push(firstRender);
    // A 300-step flow draws only the steps in view (LARGE_FLOW_STEPS): wait until those are measured.
    await page.waitForFunction(`[...document.querySelectorAll(".react-flow__node")].some((n) => n.style.visibility !== "hidden")`);
    // Click a node that is actually visible (not under a side panel), as a person would.
    const point = (await page.evaluate(
      `(() => { for (const el of document.querySelectorAll(".react-flow__node")) { const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + 20; if (el.contains(document.elementFromPoint(x, y))) return { x, y }; } return null; })()`,
    )) as { x: number; y: number } | null;
    if (!point) throw new Error("no node is visible to click");
    await page.mouse.click(point.x, point.y);
    await page.getByTestId("inspector").waitFor();
    const interactive = Date.now() - t0;
    // Pan from empty canvas: pressing on a step would drag the step, not pan the view.
    const start = (await page.evaluate(
      `(() => { const b = document.querySelector(".react-flow__pane").getBoundingClientRect(); for (let y = b.top + b.height / 2; y < b.bottom - 40; y += 10) for (let x = b.left + b.width / 2; x < b.right - 40; x += 10) { const el = document.elementFromPoint(x, y); if (el && el.classList.contains("react-flow__pane")) return { x, y }; } return null; })()`,
    )) as { x: number; y: number } | null;
    if (!start) throw new Error("no empty canvas to pan from");
    const box = { x: start.x, y: start.y, width: 0, height: 0 };
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    await page.evaluate("window.frames_ = 0; (function tick() { window.frames_++; requestAnimationFrame(tick); })();");
    const transform = () => page.evaluate(`document.querySelector(".react-flow__viewport").style.transform`);
    const before = await transform();
    const panStart = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(box.x + box.width / 2 - i * 8, box.y + box.height / 2 - i * 3, { steps: 2 });
    await page.mouse.up();
    const panMs = Date.now() - panStart;
    const frames = Number(await page.evaluate("window.frames_"));
    if ((await transform()) === before) throw new Error("the drag did not pan the canvas");
    rows.push([`${n} steps, run ${run}`, `| ${firstRender} | ${interactive} | ${((frames * 1000) / panMs).toFixed(0)} |`]);
  }
  console.log(`\n300-step and 10-step flows in Chromium (headless, --disable-gpu), ${process.env.HOSTNAME ?? "this machine"}`);
  console.log("| run | first node rendered ms | interactive (a click on a step in view opens it) ms | fps while panning |");
  console.log("|---|---|---|---|");
  for (const [label, row] of rows) console.log(`| ${label} ${row}`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`first render, 300 steps / 10 steps (medians): ${(median(firstRenders.get(300)!) / median(firstRenders.get(10)!)).toFixed(2)}×`);
  console.log(`machine load average (1 / 5 / 15 min): ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  await browser.close();
} finally {
  stop();
}
process.exit(0);
