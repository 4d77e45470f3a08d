import { BookingSettings, ClientSchedule } from "../../clients/settings-schemas";
import { formatPhone } from "../../phone/phone";
import { db, sqlRows } from "../../db/client";
import { env } from "../../env";
import type { StartFactsInput } from "../engine";
import { StoredFlowGraph, type CallReason, type FlowGraph } from "../model";

/** The missed call as the run's start event carries it (see `call/missed`). */
export interface StartCall {
  from: string;
  to: string;
  reason: CallReason;
  at: string;
  voicemailTranscript?: string | null;
}

/** A text that starts runs, as the SMS webhook hands it over (see `sms/received`). */
export interface StartText {
  sid: string;
  body: string;
  from: string;
  to: string;
  receivedAt: string;
}

/** What a run starts from, with the contact's number: a missed call or a text. */
export type StartEvent = { kind: "missedCall"; call: StartCall } | { kind: "textReceived"; message: StartText };

const startOf = (event: StartCall | StartEvent): StartEvent => ("kind" in event ? event : { kind: "missedCall", call: event });
/** The number of the person a start is about: the caller or the texter. */
export const contactNumberOf = (event: StartCall | StartEvent): string => {
  const start = startOf(event);
  return start.kind === "missedCall" ? start.call.from : start.message.from;
};

const versionGraphs = new Map<string, FlowGraph>();

/**
 * The graph of a flow version, parsed once per process: versions are immutable, so every replay
 * of every run of a version can share one parsed graph (the engine also caches compiled graphs by
 * object identity).
 */
export async function graphOfVersion(versionId: string): Promise<FlowGraph> {
  let cached = versionGraphs.get(versionId);
  if (!cached) {
    const version = await db.flowVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
    if (!version) throw new Error(`Flow version ${versionId} does not exist.`);
    cached = StoredFlowGraph.parse(version.graph);
    if (versionGraphs.size > 500) versionGraphs.clear();
    versionGraphs.set(versionId, cached);
  }
  return cached;
}

/** A run's link in the app, for staff notifications. */
export function runLinkFor(clientId: string, runId: string): string {
  return `${env.PUBLIC_BASE_URL}/clients/${clientId}/runs/${runId}`;
}

/**
 * The facts every run of one missed call decides from, read once when the runs are created (so
 * conditions need no lookup steps, and a replay never re-reads a world that has moved on). The
 * same for all of the call's runs but for `runLink`, which each run sets to its own.
 */
export async function loadStartFacts(clientId: string, call: StartCall | StartEvent): Promise<StartFactsInput> {
  // One statement: the business and, if known, the caller.
  const [row] = await sqlRows<StartFactsRow>`
    SELECT c."businessName", c."timezone", c."businessHours", c."closures", c."quietHours", c."bookingSettings",
      ct."createdAt" AS "contactCreatedAt", ct."firstName", ct."name", ct."tags",
      EXISTS (SELECT 1 FROM "Lead" l WHERE l."contactId" = ct."id" AND l."status" = 'open') AS "hasOpenLead"
    FROM "Client" c LEFT JOIN "Contact" ct ON ct."clientId" = c."id" AND ct."e164" = ${contactNumberOf(call)}
    WHERE c."id" = ${clientId}`;
  if (!row) throw new Error(`Client ${clientId} does not exist.`);
  return startFactsFrom(row, call);
}

/**
 * The start facts from a row of the business and (if known) the caller: the columns
 * `loadStartFacts` selects. Shared with the one statement that starts a missed call's runs.
 */
export function startFactsFrom(row: StartFactsRow, event: StartCall | StartEvent): StartFactsInput {
  const start = startOf(event);
  const { at, to } = start.kind === "missedCall" ? start.call : { at: start.message.receivedAt, to: start.message.to };
  // "Known before this call (or text)": the contact existed before it came in.
  const existing = !!row.contactCreatedAt && row.contactCreatedAt.getTime() < Date.parse(at) - 1000;
  return {
    trigger:
      start.kind === "missedCall"
        ? { kind: "missedCall", call: { from: start.call.from, to: start.call.to, reason: start.call.reason, at: start.call.at, voicemailTranscript: start.call.voicemailTranscript ?? null } }
        : { kind: "textReceived", message: { ...start.message } },
    contact: {
      e164: contactNumberOf(start),
      existing,
      firstName: row.firstName,
      name: row.name,
      tags: row.tags ?? [],
      hasOpenLead: row.hasOpenLead,
    },
    business: { name: row.businessName, phone: to ? formatPhone(to) : null },
    schedule: ClientSchedule.parse({
      timezone: row.timezone,
      businessHours: row.businessHours,
      closures: row.closures,
      quietHours: row.quietHours ?? null,
    }),
    booking: BookingSettings.parse(row.bookingSettings),
    runLink: null,
  };
}

export type StartFactsRow = {
  businessName: string;
  timezone: string;
  businessHours: unknown;
  closures: unknown;
  quietHours: unknown;
  bookingSettings: unknown;
  contactCreatedAt: Date | null;
  firstName: string | null;
  name: string | null;
  tags: string[] | null;
  hasOpenLead: boolean;
};

/**
 * The setup of a run whose start event carries no facts: one sent by the version before the
 * facts travelled in the event, still waiting when this version was rolled out. Its `load-run`
 * step is memoized, so this runs only for such a run that had not yet started.
 */
export async function loadRunSetup(runId: string, startCall?: StartCall) {
  const run = await db.flowRun.findUnique({ where: { id: runId }, select: { id: true, clientId: true, flowId: true, triggerEventId: true, callerNumber: true, startedAt: true } });
  if (!run) throw new Error(`Run ${runId} does not exist.`);
  const stored = startCall && startCall.reason !== "voicemail" ? null : await db.call.findFirst({ where: { callSid: run.triggerEventId } });
  const call: StartCall | null = stored
    ? { from: stored.fromNumber, to: stored.toNumber, reason: (stored.reason as StartCall["reason"]) ?? "no-answer", at: stored.createdAt.toISOString(), voicemailTranscript: stored.transcript }
    : (startCall ?? null);
  const from = run.callerNumber ?? call?.from;
  if (!from) throw new Error(`Run ${runId} has no caller number.`);
  const facts = await loadStartFacts(run.clientId, { from, to: call?.to ?? "", reason: call?.reason ?? "no-answer", at: call?.at ?? run.startedAt.toISOString(), voicemailTranscript: call?.voicemailTranscript ?? null });
  return { runId: run.id, clientId: run.clientId, flowId: run.flowId, facts: { ...facts, runLink: runLinkFor(run.clientId, run.id) } };
}
