import type { Viewer } from "../auth/access";
import { db, type Prisma } from "../db/client";
import { AppError } from "../errors";

/**
 * The audit log: who published which version, changed which setting, invited or removed whom, set up
 * which number, archived which client, retried which sends, cancelled which run. Readable by agency admins (the whole agency) and a client's
 * owner (that client), filterable by kind. Events are written by the services that act.
 */
export const auditKinds = {
  flows: { label: "Flows", prefixes: ["flow."] },
  settings: { label: "Settings", prefixes: ["client.settings."] },
  people: { label: "People", prefixes: ["member."] },
  numbers: { label: "Numbers", prefixes: ["number."] },
  clients: { label: "Clients", prefixes: ["client.create", "client.archive", "client.restore"] },
  contacts: { label: "Contacts", prefixes: ["contact."] },
  sends: { label: "Retried sends", prefixes: ["send.retry"] },
  runs: { label: "Cancelled runs", prefixes: ["run.cancel"] },
} as const;
export type AuditKind = keyof typeof auditKinds;

/** Bookkeeping rows that share the table but are not something a person did. */
const HIDDEN = ["notify.email"];

type Data = Record<string, unknown> | null;
const str = (d: Data, key: string) => (d && typeof d[key] === "string" ? (d[key] as string) : "?");

function describe(action: string, data: Data, names: { flows: Map<string, string> }, targetId: string): string {
  switch (action) {
    case "flow.publish":
      return `published version ${d(data, "version")} of “${names.flows.get(targetId) ?? "a flow"}”`;
    case "client.settings.update":
      return "changed the business settings";
    case "client.create":
      return `created the client “${str(data, "name")}”`;
    case "client.archive":
      return "archived the client";
    case "client.restore":
      return "restored the client";
    case "member.invite":
      return `invited ${str(data, "email")} as ${str(data, "role")}`;
    case "member.invite.resend":
      return `resent the invitation to ${str(data, "email")}`;
    case "member.invite.revoke":
      return `revoked the invitation of ${str(data, "email")}`;
    case "member.join":
      return `accepted the invitation (${str(data, "email")}, ${str(data, "role")})`;
    case "member.role":
      return `changed ${str(data, "email")} from ${str(data, "from")} to ${str(data, "to")}`;
    case "member.remove":
      return `removed ${str(data, "email")} (${str(data, "role")})`;
    case "number.buy":
      return `bought ${str(data, "e164")} in Twilio`;
    case "number.takeOver":
      return `took over ${str(data, "e164")} from its previous webhooks`;
    case "number.repair":
      return `pointed ${str(data, "e164")}'s webhooks back at the app`;
    case "client.settings.messagingService":
      return data?.messagingServiceSid
        ? `chose the Messaging Service ${str(data, "messagingServiceSid")} (A2P campaign ${d(data, "campaignStatus")})`
        : "stopped sending through a Messaging Service";
    case "send.retry":
      return `retried the failed text to ${str(data, "to")}: ${data?.outcome === "sent" ? "sent again" : `not sent (${str(data, "reason")})`}`;
    case "run.cancel":
      return `cancelled the ${str(data, "status")} run of “${str(data, "flow")}” for ${str(data, "caller")}`;
    case "contact.optOut":
      return `${targetId} opted out`;
    default:
      return action;
  }
}
const d = (data: Data, key: string) => (data && data[key] != null ? String(data[key]) : "?");

async function list(where: Prisma.AuditEventWhereInput, kind: AuditKind | null) {
  const filter: Prisma.AuditEventWhereInput = kind ? { OR: auditKinds[kind].prefixes.map((p) => ({ action: { startsWith: p } })) } : {};
  const events = await db.auditEvent.findMany({
    where: { AND: [where, filter, { action: { notIn: HIDDEN } }] },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const clientIds = [...new Set(events.map((e) => e.clientId).filter((x): x is string => !!x))];
  const flowIds = events.filter((e) => e.targetType === "Flow").map((e) => e.targetId);
  const [actors, clients, flows] = await Promise.all([
    db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    db.client.findMany({ where: { id: { in: clientIds } }, select: { id: true, name: true } }),
    db.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } }),
  ]);
  const names = { flows: new Map(flows.map((f) => [f.id, f.name])) };
  return events.map((e) => ({
    id: e.id,
    at: e.createdAt,
    action: e.action,
    actor: actors.find((a) => a.id === e.actorId)?.name ?? (e.actorId ? "A former member" : "Ringback"),
    client: clients.find((c) => c.id === e.clientId)?.name ?? null,
    summary: describe(e.action, e.data as Data, names, e.targetId),
  }));
}

/** One client's log (access checked by the caller: settings permission). */
export const listClientAudit = ({ clientId, kind }: { clientId: string; kind: AuditKind | null }) => list({ clientId }, kind);

/** The agency's log: its own events and every one of its clients' (agency admins only). */
export async function listAgencyAudit({ viewer, kind, clientId }: { viewer: Viewer; kind: AuditKind | null; clientId: string | null }) {
  const agency = viewer.agencies.find((a) => a.role === "admin");
  if (!agency) throw new AppError("FORBIDDEN", "Only an agency admin can read the agency's audit log.");
  const clients = await db.client.findMany({ where: { agencyId: agency.agencyId }, select: { id: true } });
  const ids = clients.map((c) => c.id).filter((id) => !clientId || id === clientId);
  return list(clientId ? { clientId: { in: ids } } : { OR: [{ agencyId: agency.agencyId }, { clientId: { in: ids } }] }, kind);
}
