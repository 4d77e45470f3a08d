import { db } from "../db/client";
import { toCsv } from "./csv";

export const exportKinds = ["contacts", "leads", "runs"] as const;
export type ExportKind = (typeof exportKinds)[number];
/** The newest rows of a kind that one export holds (a spreadsheet, not a backup). */
const LIMIT = 50_000;

/** One client's contacts, leads or runs as CSV, newest first, times as UTC ISO instants. */
export async function exportCsv(options: { clientId: string; kind: ExportKind }): Promise<{ filename: string; csv: string }> {
  const day = new Date().toISOString().slice(0, 10);
  const filename = `${options.kind}-${day}.csv`;
  if (options.kind === "contacts") {
    const rows = await db.contact.findMany({ where: { clientId: options.clientId }, orderBy: { createdAt: "desc" }, take: LIMIT });
    return { filename, csv: toCsv(["phone", "name", "tags", "opted_out", "opted_out_at", "created_at"], rows.map((c) => [c.e164, c.name, c.tags.join(" "), c.optedOut, c.optedOutAt, c.createdAt])) };
  }
  if (options.kind === "leads") {
    const rows = await db.lead.findMany({ where: { clientId: options.clientId }, orderBy: { createdAt: "desc" }, take: LIMIT, include: { contact: { select: { e164: true, name: true } } } });
    return {
      filename,
      csv: toCsv(["phone", "name", "status", "source", "run_id", "created_at", "closed_at"], rows.map((l) => [l.contact.e164, l.contact.name, l.status, l.source, l.runId, l.createdAt, l.closedAt])),
    };
  }
  const rows = await db.flowRun.findMany({
    where: { clientId: options.clientId },
    orderBy: { startedAt: "desc" },
    take: LIMIT,
    select: { id: true, callerNumber: true, status: true, outcome: true, error: true, startedAt: true, endedAt: true, flow: { select: { name: true } }, flowVersion: { select: { number: true } } },
  });
  return {
    filename,
    csv: toCsv(
      ["run_id", "flow", "version", "caller", "status", "outcome", "error", "started_at", "ended_at"],
      rows.map((r) => [r.id, r.flow.name, r.flowVersion.number, r.callerNumber, r.status, r.outcome, r.error, r.startedAt, r.endedAt]),
    ),
  };
}
