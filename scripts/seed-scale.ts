// npm run seed:scale — 1,000,000 runs with their steps, texts and calls across 50 clients, in the
// database ringback_scale (created fresh), for scripts/bench-queries.ts. Set-based SQL: a few minutes.
import pg from "pg";
import { migrate } from "../server/db/migrator";

const RUNS = Number(process.env.SCALE_RUNS ?? 1_000_000);
const CLIENTS = 50;
const url = process.env.SCALE_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback_scale";
const name = new URL(url).pathname.slice(1);

const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, "/postgres") });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
await migrate({ databaseUrl: url });

const db = new pg.Client({ connectionString: url });
await db.connect();
const step = async (label: string, sql: string) => {
  const t0 = Date.now();
  await db.query(sql);
  console.log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
};
const graph = JSON.stringify({ nodes: [{ id: "trigger", kind: "trigger.missedCall", position: { x: 0, y: 0 }, config: {} }], edges: [] });
const hours = JSON.stringify({ mon: [{ start: "08:00", end: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
await step("agency and clients", `
  INSERT INTO "Agency" (id, name, slug) VALUES ('scale_agency', 'Scale Agency', 'scale');
  INSERT INTO "Client" (id, "agencyId", name, "businessName", timezone, "businessHours", "bookingSettings", "updatedAt")
    SELECT 'c' || i, 'scale_agency', 'Client ' || i, 'Client ' || i, (ARRAY['America/Chicago','America/New_York','America/Los_Angeles'])[1 + i % 3], '${hours}', '{"slotMinutes":60,"bufferMinutes":15,"daysAhead":7}', now()
    FROM generate_series(0, ${CLIENTS - 1}) i;
  INSERT INTO "PhoneNumber" (id, "clientId", e164, "forwardTo") SELECT 'p' || i, 'c' || i, '+1312555' || lpad(i::text, 4, '0'), '+13125559999' FROM generate_series(0, ${CLIENTS - 1}) i;
  INSERT INTO "Flow" (id, "clientId", name, "draftGraph", "updatedAt") SELECT 'f' || i, 'c' || i, 'Text back', '${graph}', now() FROM generate_series(0, ${CLIENTS - 1}) i;
  INSERT INTO "FlowVersion" (id, "flowId", number, graph) SELECT 'v' || i, 'f' || i, 1, '${graph}' FROM generate_series(0, ${CLIENTS - 1}) i;`);
// The dashboard rollups' row triggers would cost ~0.7 ms a run here: load without them, rebuild set-based.
await step("rollup triggers off", `ALTER TABLE "Call" DISABLE TRIGGER USER; ALTER TABLE "FlowRun" DISABLE TRIGGER USER; ALTER TABLE "RunStep" DISABLE TRIGGER USER; ALTER TABLE "Message" DISABLE TRIGGER USER;`);
await step(`${RUNS} calls`, `
  INSERT INTO "Call" (id, "clientId", "phoneNumberId", "callSid", "fromNumber", "toNumber", status, "dialStatus", missed, reason, "createdAt", "updatedAt")
    SELECT 'call' || g, 'c' || (g % ${CLIENTS}), 'p' || (g % ${CLIENTS}), 'CA' || g, '+1773' || lpad((g % 9000000)::text, 7, '0'), '+1312555' || lpad((g % ${CLIENTS})::text, 4, '0'),
           'missed', 'no-answer', true, 'no-answer', now() - (g % 2592000) * interval '1 second', now()
    FROM generate_series(1, ${RUNS}) g`);
await step(`${RUNS} runs`, `
  INSERT INTO "FlowRun" (id, "clientId", "flowId", "flowVersionId", "triggerEventId", "callerNumber", status, "startedAt", "updatedAt", "endedAt", outcome, error, trace)
    SELECT 'run' || g, 'c' || (g % ${CLIENTS}), 'f' || (g % ${CLIENTS}), 'v' || (g % ${CLIENTS}), 'CA' || g, '+1773' || lpad((g % 9000000)::text, 7, '0'),
           (ARRAY['completed','completed','completed','completed','failed','waiting','cancelled'])[1 + g % 7]::"RunStatus",
           now() - (g % 2592000) * interval '1 second', now(), now() - (g % 2592000) * interval '1 second' + interval '2 seconds',
           'Done', CASE WHEN g % 7 = 4 THEN '30007: filtered' END,
           -- The path a real run records: trigger → business hours (open/closed) → text → wait (replied/timeout) → end.
           jsonb_build_array(
             jsonb_build_object('nodeId', 'trigger', 'kind', 'trigger.missedCall', 'name', 'Missed call', 'handle', 'next', 'visit', 1, 'at', '2026-01-01T00:00:00.000Z'),
             jsonb_build_object('nodeId', 'hours', 'kind', 'condition.businessHours', 'name', 'Business hours?', 'handle', CASE WHEN g % 5 < 3 THEN 'open' ELSE 'closed' END, 'visit', 1, 'at', '2026-01-01T00:00:00.000Z', 'note', 'open until 5:00 PM'),
             jsonb_build_object('nodeId', 'text', 'kind', 'action.sendSms', 'name', 'Text back', 'handle', 'sent', 'visit', 1, 'at', '2026-01-01T00:00:01.000Z'),
             jsonb_build_object('nodeId', 'wait', 'kind', 'wait.reply', 'name', 'Wait for reply', 'handle', CASE WHEN g % 3 = 0 THEN 'replied' ELSE 'timeout' END, 'visit', 1, 'at', '2026-01-01T00:00:02.000Z'),
             jsonb_build_object('nodeId', 'end', 'kind', 'end', 'name', 'End', 'handle', NULL, 'visit', 1, 'at', '2026-01-01T00:00:02.000Z'))
    FROM generate_series(1, ${RUNS}) g`);
await step(`${RUNS * 2} steps`, `
  INSERT INTO "RunStep" (id, "runId", "stepId", "nodeId", kind, status, attempt, "startedAt", "endedAt", output)
    SELECT 's' || g || '_' || k, 'run' || g, CASE k WHEN 1 THEN 'sendSms:text' ELSE 'waitForReply:wait' END, CASE k WHEN 1 THEN 'text' ELSE 'wait' END,
           CASE k WHEN 1 THEN 'sendSms' ELSE 'waitForReply' END, 'completed', 1, now() - (g % 2592000) * interval '1 second', now(),
           CASE WHEN k = 2 AND g % 3 = 0 THEN '{"reply":{"body":"yes"}}'::jsonb ELSE '{"reply":null}'::jsonb END
    FROM generate_series(1, ${RUNS}) g, generate_series(1, 2) k`);
await step(`${RUNS} texts`, `
  INSERT INTO "Message" (id, "clientId", direction, body, status, "twilioSid", "errorCode", "errorMessage", "fromNumber", "toNumber", "runId", "nodeId", "idempotencyKey", "createdAt", "updatedAt")
    SELECT 'm' || g, 'c' || (g % ${CLIENTS}), 'outbound', 'Sorry we missed your call', CASE WHEN g % 33 = 0 THEN 'undelivered'::"MessageStatus" ELSE 'delivered'::"MessageStatus" END,
           'SM' || lpad(to_hex(g), 32, '0'), CASE WHEN g % 33 = 0 THEN 30007 END, NULL, '+1312555' || lpad((g % ${CLIENTS})::text, 4, '0'), '+1773' || lpad((g % 9000000)::text, 7, '0'),
           'run' || g, 'text', 'run' || g || ':sendSms:text', now() - (g % 2592000) * interval '1 second' + interval '1 second', now()
    FROM generate_series(1, ${RUNS}) g`);
// The rollups (branches, replies, first texts) rebuilt set-based from what was loaded, triggers back on.
await step("dashboard rollup", `SELECT "run_branch_day_rebuild"(); ALTER TABLE "FlowRun" ENABLE TRIGGER USER; ALTER TABLE "RunStep" ENABLE TRIGGER USER; ALTER TABLE "Message" ENABLE TRIGGER USER; ALTER TABLE "Call" ENABLE TRIGGER USER;`);
// VACUUM as autovacuum would on a live database: it sets the visibility map the dashboard's index-only scans rely on.
await step("vacuum analyze", "VACUUM ANALYZE");
await db.end();
console.log(`ringback_scale ready: ${RUNS} runs across ${CLIENTS} clients.`);
