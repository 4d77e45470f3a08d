import { db } from "../db/client";
import { getClientSettings } from "../clients/client-service";
import { getFlow, getVersion } from "./flow-service";
import { FlowGraph } from "./model";
import { simulate, type SimulationScenario } from "./simulate";
import type { z } from "zod";

/**
 * Simulates a flow (its draft, a version, or a graph the editor has not saved yet) for a client,
 * with the client's real hours, booking settings and appointments. Reads only; writes nothing.
 */
export async function simulateFlow(options: {
  clientId: string;
  flowId: string;
  versionId?: string | null;
  graph?: FlowGraph | null;
  scenario: z.input<typeof SimulationScenario>;
}) {
  const graph = options.graph
    ? FlowGraph.parse(options.graph)
    : options.versionId
      ? (await getVersion({ clientId: options.clientId, versionId: options.versionId })).graph
      : (await getFlow({ clientId: options.clientId, flowId: options.flowId })).graph;
  const settings = await getClientSettings({ clientId: options.clientId });
  const appointments = await db.appointment.findMany({
    where: { clientId: options.clientId, status: "booked", startsAt: { gte: new Date() } },
    select: { startsAt: true, endsAt: true },
    take: 500,
  });
  return simulate(graph, options.scenario, {
    schedule: { timezone: settings.timezone, businessHours: settings.businessHours, closures: settings.closures, quietHours: settings.quietHours },
    businessName: settings.businessName,
    businessNumber: settings.phoneNumbers[0]?.e164 ?? "+13125550100",
    booking: settings.bookingSettings,
    appointments: appointments.map((a) => ({ startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })),
    runLink: null,
  });
}
