import { BookingSettings, ClientSchedule } from "../../clients/settings-schemas";
import { formatPhone } from "../../clients/phone";
import { db } from "../../db/client";
import { env } from "../../env";
import type { StartFactsInput } from "../engine";
import { StoredFlowGraph, type FlowGraph } from "../model";

/** The missed call as the run's start event carries it (see `call/missed`). */
export interface StartCall {
  from: string;
  to: string;
  reason: StartFactsInput["call"]["reason"];
  at: string;
  voicemailTranscript?: string | null;
}

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

/**
 * Everything a run needs at its start, read once: the facts the engine decides from (so
 * conditions need no lookup steps of their own). The call comes from the start event when given;
 * only a voicemail's Call row is read, since its transcript may have been stored after the event.
 * The graph is not part of it: `graphOfVersion` (the run's version is pinned).
 */
export async function loadRunSetup(runId: string, startCall?: StartCall) {
  const run = await db.flowRun.findUnique({ where: { id: runId }, include: { client: true } });
  if (!run) throw new Error(`Run ${runId} does not exist.`);
  const call =
    startCall && startCall.reason !== "voicemail"
      ? { fromNumber: startCall.from, toNumber: startCall.to, reason: startCall.reason, createdAt: new Date(startCall.at), transcript: startCall.voicemailTranscript ?? null }
      : await db.call.findFirst({ where: { callSid: run.triggerEventId } });
  const callerE164 = run.callerNumber ?? call?.fromNumber;
  if (!callerE164) throw new Error(`Run ${runId} has no caller number.`);
  const callAt = call?.createdAt ?? run.startedAt;
  const contact = await db.contact.findUnique({
    where: { clientId_e164: { clientId: run.clientId, e164: callerE164 } },
    include: { leads: { where: { status: "open" }, select: { id: true }, take: 1 } },
  });
  // "Known before this call": the contact existed before the call came in.
  const existing = !!contact && contact.createdAt.getTime() < callAt.getTime() - 1000;
  const client = run.client;
  const facts: StartFactsInput = {
    call: {
      from: callerE164,
      to: call?.toNumber ?? "",
      reason: (call?.reason as StartFactsInput["call"]["reason"]) ?? "no-answer",
      at: callAt.toISOString(),
      voicemailTranscript: call?.transcript ?? null,
    },
    contact: {
      existing,
      firstName: contact?.firstName ?? null,
      name: contact?.name ?? null,
      tags: contact?.tags ?? [],
      hasOpenLead: (contact?.leads.length ?? 0) > 0,
    },
    business: { name: client.businessName, phone: call?.toNumber ? formatPhone(call.toNumber) : null },
    schedule: ClientSchedule.parse({
      timezone: client.timezone,
      businessHours: client.businessHours,
      closures: client.closures,
      quietHours: client.quietHours ?? null,
    }),
    booking: BookingSettings.parse(client.bookingSettings),
    runLink: `${env.PUBLIC_BASE_URL}/clients/${client.id}/runs/${run.id}`,
  };
  return { runId: run.id, clientId: run.clientId, flowId: run.flowId, facts };
}
