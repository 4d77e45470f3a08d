import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { eventually, startAppHarness, type AppHarness } from "../testing/app-harness";

// What one missed call costs the database, counted the way `npm run bench` counts it (every
// statement a `pg` client sends): the voice webhook, the dial-result webhook that creates the run,
// the run that texts, and Twilio's status callbacks. A count, not a timing: it does not depend on
// the machine. Each statement through Prisma costs 0.3–0.55 ms of CPU more than through `pg`, and
// every one is a round trip on the webhook→text path. It was 25 (2026-12-03) with the starter used here
// ("Text back every missed call": a cooldown, then the text).
const MAX_STATEMENTS_PER_MISSED_CALL = 14;

let h: AppHarness;
let business: string;
let probe: pg.Client;
const sent: string[] = [];
let counting = false;
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  h = await startAppHarness();
  const t = await (await import("../testing/tenants")).createTenants();
  const clientId = t.clients.greenfield.id;
  business = (await db.phoneNumber.findFirstOrThrow({ where: { clientId } })).e164;
  const { id } = await t.callers.owner.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await t.callers.owner.flows.publish({ clientId, flowId: id, note: null });
  // The test's own reads go through a client of its own, which is not counted.
  probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await probe.connect();
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    if (counting && this !== probe) sent.push(String(typeof config === "string" ? config : (config as { text?: string })?.text).replace(/\s+/g, " ").slice(0, 120));
    return (originalQuery as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof pg.Client.prototype.query;
}, 60_000);

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await probe?.end();
  await h?.close();
});

async function missedCall(caller: string) {
  const call = await h.fake<{ steps: { status: number }[] }>("/_fake/calls", { from: caller, to: business, outcome: "no-answer" });
  expect(call.steps.every((s) => s.status === 200)).toBe(true);
  // Done: the run has ended and Twilio has reported the text delivered.
  await eventually(
    "the text delivered and the run completed",
    async () => {
      const { rows } = await probe.query(
        `SELECT r."status" AS run, m."status" AS text FROM "FlowRun" r JOIN "Message" m ON m."runId" = r."id" WHERE r."callerNumber" = $1`,
        [caller],
      );
      return rows.length === 1 && rows[0].run === "completed" && rows[0].text === "delivered";
    },
    20_000,
  );
}

describe("database statements per missed call", () => {
  it(`a missed call texted back costs at most ${MAX_STATEMENTS_PER_MISSED_CALL} statements, from the voice webhook to the delivered status`, async () => {
    // Warm: the first call of a process reads the flow version's graph, which is then cached.
    await missedCall("+13125550801");
    counting = true;
    await missedCall("+13125550802");
    counting = false;
    expect(sent.length, `statements sent for one missed call:\n${sent.join("\n")}`).toBeLessThanOrEqual(MAX_STATEMENTS_PER_MISSED_CALL);
  }, 60_000);
});
