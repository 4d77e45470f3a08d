import { db, sqlRows } from "../../db/client";
import type { StartFactsInput } from "../engine";
import { StoredFlowGraph, StoredMissedCallConfig, StoredTextReceivedConfig, triggerNodeOf } from "../model";
import { startFactsFrom, type StartCall, type StartFactsRow, type StartText } from "./run-setup";
import { liveTriggerOf, selectFlowForCall, selectFlowForText, type LiveFlow } from "./select-flows";

export interface MissedCall extends StartCall {
  clientId: string;
  callSid: string;
}

export interface StartedRun {
  id: string;
  flowId: string;
  flowVersionId: string;
}

type LiveFlowRow = { id: string; name: string; priority: number; createdAt: string; flowVersionId: string; trigger: unknown };

/** The client's published, unarchived flows with their live trigger, for select-flows. */
export async function loadLiveFlows(clientId: string): Promise<(LiveFlow & { flowVersionId: string })[]> {
  const flows = await db.flow.findMany({
    where: { clientId, archivedAt: null, activeVersionId: { not: null } },
    include: { activeVersion: { select: { graph: true } } },
  });
  return flows.flatMap((f) => {
    const trigger = liveTriggerOf(triggerNodeOf(StoredFlowGraph.parse(f.activeVersion!.graph).nodes));
    if (!trigger) return [];
    return [{ id: f.id, name: f.name, priority: f.priority, createdAt: f.createdAt, trigger, flowVersionId: f.activeVersionId! }];
  });
}

/**
 * Creates the FlowRun for the one live flow that answers this call (select-flows: the first in the
 * owner's order whose trigger listens on the number and reason), pinned to its current version, and
 * returns it with the facts its run decides from. The (trigger event, flow) pair is unique, so a
 * redelivered call creates nothing new; the run that exists for the call is returned either way,
 * even if the order changed in between.
 *
 * Two statements on the webhook's hot path (there were six): one read of everything the decision
 * needs — the business, the caller if known, the call's runs if any, and each live flow's trigger
 * (only the trigger's config, not the whole graph) — and one write of the caller's contact and the run.
 */
export async function createRunsForMissedCall(call: MissedCall): Promise<{ runs: StartedRun[]; facts: StartFactsInput }> {
  const [row] = await sqlRows<StartFactsRow & { runs: StartedRun[]; liveFlows: LiveFlowRow[] }>`
    SELECT c."businessName", c."timezone", c."businessHours", c."closures", c."quietHours", c."bookingSettings",
      ct."createdAt" AS "contactCreatedAt", ct."firstName", ct."name", ct."tags",
      EXISTS (SELECT 1 FROM "Lead" l WHERE l."contactId" = ct."id" AND l."status" = 'open') AS "hasOpenLead",
      (SELECT coalesce(json_agg(json_build_object('id', r."id", 'flowId', r."flowId", 'flowVersionId', r."flowVersionId") ORDER BY r."startedAt"), '[]')
        FROM "FlowRun" r WHERE r."triggerEventId" = ${call.callSid} AND r."clientId" = c."id") AS "runs",
      (SELECT coalesce(json_agg(json_build_object('id', f."id", 'name', f."name", 'priority', f."priority", 'createdAt', f."createdAt",
          'flowVersionId', f."activeVersionId",
          'trigger', jsonb_path_query_first(v."graph", '$.nodes[*] ? (@.kind == "trigger.missedCall").config'))), '[]')
        FROM "Flow" f JOIN "FlowVersion" v ON v."id" = f."activeVersionId"
        WHERE f."clientId" = c."id" AND f."archivedAt" IS NULL) AS "liveFlows"
    FROM "Client" c LEFT JOIN "Contact" ct ON ct."clientId" = c."id" AND ct."e164" = ${call.from}
    WHERE c."id" = ${call.clientId}`;
  if (!row) throw new Error(`Client ${call.clientId} does not exist.`);
  const facts = startFactsFrom(row, call);
  if (row.runs.length) return { runs: row.runs, facts };

  const liveFlows = row.liveFlows.flatMap((f) =>
    // A version with no missed-call trigger listens for no call (json null: jsonb_path found none).
    f.trigger == null ? [] : [{ ...f, createdAt: new Date(`${f.createdAt}Z`), trigger: { kind: "trigger.missedCall" as const, ...StoredMissedCallConfig.parse(f.trigger) } }],
  );
  const chosen = selectFlowForCall(liveFlows, { to: call.to, reason: call.reason });
  if (!chosen) return { runs: [], facts };
  // The run belongs to its caller from the start, so Contacts shows every run, not only those that
  // made a lead. Race-safe: many calls from one caller arrive at once. The contact's ON CONFLICT
  // updates (to the same number) rather than doing nothing, so it returns the row a concurrent first
  // sight committed after this statement began, which a plain read in the statement would not see.
  const runs = await sqlRows<StartedRun>`
    WITH contact AS (
      INSERT INTO "Contact" ("id", "clientId", "e164", "tags", "optedOut", "createdAt", "updatedAt")
      VALUES (${`ct_${crypto.randomUUID()}`}, ${call.clientId}, ${call.from}, ARRAY[]::text[], false, now(), now())
      ON CONFLICT ("clientId", "e164") DO UPDATE SET "e164" = EXCLUDED."e164"
      RETURNING "id"
    ), created AS (
      INSERT INTO "FlowRun" ("id", "clientId", "flowId", "flowVersionId", "triggerEventId", "callerNumber", "contactId", "status", "startedAt", "updatedAt")
      SELECT ${`run_${crypto.randomUUID()}`}, ${call.clientId}, ${chosen.id}, ${chosen.flowVersionId}, ${call.callSid}, ${call.from}, contact."id", 'running', now(), now()
      FROM contact
      ON CONFLICT ("triggerEventId", "flowId") DO NOTHING
      RETURNING "id", "flowId", "flowVersionId"
    )
    SELECT * FROM created
    UNION ALL
    SELECT "id", "flowId", "flowVersionId" FROM "FlowRun"
    WHERE "triggerEventId" = ${call.callSid} AND "clientId" = ${call.clientId} AND NOT EXISTS (SELECT 1 FROM created)`;
  return { runs, facts };
}

/** A text to a business number that may start a "Text received" flow. */
export interface TextToStart extends StartText {
  clientId: string;
}

/**
 * Creates the FlowRun for the one live "Text received" flow that takes this text (select-flows: the
 * first in the owner's order whose trigger listens on the number and whose keywords, if any, the
 * text has), and returns it with its facts — unless the sender has a run going (running or waiting):
 * their text is that run's to read (it is the reply it waits for, or will be), so it starts nothing.
 * The (MessageSid, flow) pair is unique, so a redelivered text creates nothing new and the run that
 * exists for it is returned either way, whatever happened since.
 *
 * Two statements, as for a call: one read (the business, the sender, the text's runs, whether the
 * sender has a run going, each live flow's text trigger) and one write (the sender's contact and the
 * run, the run only while the sender still has none going).
 */
export async function createRunsForText(text: TextToStart): Promise<{ runs: StartedRun[]; facts: StartFactsInput }> {
  const [row] = await sqlRows<StartFactsRow & { runs: StartedRun[]; busy: boolean; liveFlows: LiveFlowRow[] }>`
    SELECT c."businessName", c."timezone", c."businessHours", c."closures", c."quietHours", c."bookingSettings",
      ct."createdAt" AS "contactCreatedAt", ct."firstName", ct."name", ct."tags",
      EXISTS (SELECT 1 FROM "Lead" l WHERE l."contactId" = ct."id" AND l."status" = 'open') AS "hasOpenLead",
      (SELECT coalesce(json_agg(json_build_object('id', r."id", 'flowId', r."flowId", 'flowVersionId', r."flowVersionId") ORDER BY r."startedAt"), '[]')
        FROM "FlowRun" r WHERE r."triggerEventId" = ${text.sid} AND r."clientId" = c."id") AS "runs",
      EXISTS (SELECT 1 FROM "FlowRun" r WHERE r."contactId" = ct."id" AND r."status" IN ('running', 'waiting')) AS "busy",
      (SELECT coalesce(json_agg(json_build_object('id', f."id", 'name', f."name", 'priority', f."priority", 'createdAt', f."createdAt",
          'flowVersionId', f."activeVersionId",
          'trigger', jsonb_path_query_first(v."graph", '$.nodes[*] ? (@.kind == "trigger.textReceived").config'))), '[]')
        FROM "Flow" f JOIN "FlowVersion" v ON v."id" = f."activeVersionId"
        WHERE f."clientId" = c."id" AND f."archivedAt" IS NULL) AS "liveFlows"
    FROM "Client" c LEFT JOIN "Contact" ct ON ct."clientId" = c."id" AND ct."e164" = ${text.from}
    WHERE c."id" = ${text.clientId}`;
  if (!row) throw new Error(`Client ${text.clientId} does not exist.`);
  const facts = startFactsFrom(row, { kind: "textReceived", message: { sid: text.sid, body: text.body, from: text.from, to: text.to, receivedAt: text.receivedAt } });
  if (row.runs.length) return { runs: row.runs, facts };
  if (row.busy) return { runs: [], facts };

  const liveFlows = row.liveFlows.flatMap((f) =>
    // A version with no text trigger listens for no text (json null: jsonb_path found none).
    f.trigger == null ? [] : [{ ...f, createdAt: new Date(`${f.createdAt}Z`), trigger: { kind: "trigger.textReceived" as const, ...StoredTextReceivedConfig.parse(f.trigger) } }],
  );
  const chosen = selectFlowForText(liveFlows, text);
  if (!chosen) return { runs: [], facts };
  // As for a call, race-safe; and a run of the sender's that began since the read above (another
  // of their texts, a call) keeps this text: the run is inserted only while they have none going.
  const runs = await sqlRows<StartedRun>`
    WITH contact AS (
      INSERT INTO "Contact" ("id", "clientId", "e164", "tags", "optedOut", "createdAt", "updatedAt")
      VALUES (${`ct_${crypto.randomUUID()}`}, ${text.clientId}, ${text.from}, ARRAY[]::text[], false, now(), now())
      ON CONFLICT ("clientId", "e164") DO UPDATE SET "e164" = EXCLUDED."e164"
      RETURNING "id"
    ), created AS (
      INSERT INTO "FlowRun" ("id", "clientId", "flowId", "flowVersionId", "triggerEventId", "callerNumber", "contactId", "status", "startedAt", "updatedAt")
      SELECT ${`run_${crypto.randomUUID()}`}, ${text.clientId}, ${chosen.id}, ${chosen.flowVersionId}, ${text.sid}, ${text.from}, contact."id", 'running', now(), now()
      FROM contact
      WHERE NOT EXISTS (SELECT 1 FROM "FlowRun" r WHERE r."contactId" = contact."id" AND r."status" IN ('running', 'waiting') AND r."triggerEventId" <> ${text.sid})
      ON CONFLICT ("triggerEventId", "flowId") DO NOTHING
      RETURNING "id", "flowId", "flowVersionId"
    )
    SELECT * FROM created
    UNION ALL
    SELECT "id", "flowId", "flowVersionId" FROM "FlowRun"
    WHERE "triggerEventId" = ${text.sid} AND "clientId" = ${text.clientId} AND NOT EXISTS (SELECT 1 FROM created)`;
  return { runs, facts };
}
