import { clientActivity } from "../dashboard/client-activity";
import { db, Prisma } from "../db/client";
import { StoredFlowGraph, StoredMissedCallConfig, triggerEventOf } from "../flows/model";
import { WeeklyHours } from "./settings-schemas";

/**
 * Each client's go-live checklist, ticked by the app from what is in the database (nothing to tick
 * by hand), and the health figures the clients page shows. A client is live when every item is done.
 */
export type ChecklistKey = "hours" | "staff" | "number" | "flow" | "a2p" | "testCall";

export interface ChecklistItem {
  key: ChecklistKey;
  label: string;
  done: boolean;
  /** What to do next, when not done. */
  hint: string;
}

/**
 * What US carriers will do with this client's texts, in words, or null when nothing is filtered:
 * texts from US 10-digit numbers are filtered unless the Messaging Service they go through carries an
 * A2P 10DLC campaign that Twilio reports VERIFIED. Only clients with a North American (+1) number.
 */
export function a2pWarning(client: { messagingServiceSid: string | null; a2pCampaignStatus: string | null; numbers: string[] }): string | null {
  if (!client.numbers.some((e164) => e164.startsWith("+1"))) return null;
  const filtered = "Texts to US numbers will be filtered by carriers until the A2P campaign is approved";
  if (!client.messagingServiceSid) return `${filtered}: no Messaging Service is chosen for this business (Phone numbers)`;
  if (client.a2pCampaignStatus === "VERIFIED") return null;
  if (client.a2pCampaignStatus === "NONE") return `${filtered}: no A2P campaign is registered on this Messaging Service`;
  if (!client.a2pCampaignStatus) return `${filtered}: its status has not been read from Twilio yet (Phone numbers → Refresh)`;
  return `${filtered}: status ${client.a2pCampaignStatus}`;
}

export interface Checklist {
  items: ChecklistItem[];
  live: boolean;
  /** Said on every page of the client while its US texts are filtered (see a2pWarning). */
  a2pWarning: string | null;
}

export async function goLiveChecklists(clientIds: string[]): Promise<Map<string, Checklist>> {
  if (clientIds.length === 0) return new Map();
  const [clients, flows, delivered] = await Promise.all([
    db.client.findMany({
      where: { id: { in: clientIds } },
      select: {
        id: true,
        businessHours: true,
        messagingServiceSid: true,
        a2pCampaignStatus: true,
        staffContacts: { select: { mobile: true, email: true } },
        phoneNumbers: { select: { e164: true, verifiedAt: true } },
      },
    }),
    db.flow.findMany({ where: { clientId: { in: clientIds }, archivedAt: null, activeVersionId: { not: null } }, select: { clientId: true, activeVersion: { select: { graph: true } } } }),
    // The test call: a flow's text from one of the client's numbers that reached a phone. One probe per
    // number (the newest such text, through the client's (clientId, createdAt, …) index), not a read
    // of every delivered text: at a million texts that read took seconds.
    db.$queryRaw<{ clientId: string; fromNumber: string }[]>`
      SELECT p."clientId", p."e164" AS "fromNumber" FROM "PhoneNumber" p
       CROSS JOIN LATERAL (
         SELECT 1 FROM "Message" m
          WHERE m."clientId" = p."clientId" AND m."fromNumber" = p."e164"
            AND m."direction" = 'outbound' AND m."status" = 'delivered' AND m."runId" IS NOT NULL
          ORDER BY m."createdAt" DESC LIMIT 1
       ) newest
       WHERE p."clientId" IN (${Prisma.join(clientIds)})`,
  ]);
  const out = new Map<string, Checklist>();
  for (const c of clients) {
    const hours = WeeklyHours.safeParse(c.businessHours);
    const verified = c.phoneNumbers.filter((n) => n.verifiedAt).map((n) => n.e164);
    const listening = flows
      .filter((f) => f.clientId === c.id)
      .some((f) => {
        // The test call needs a flow a missed call starts (a "Text received" flow answers no call).
        const trigger = StoredFlowGraph.safeParse(f.activeVersion?.graph).data?.nodes.find((n) => triggerEventOf(n.kind) === "missedCall");
        if (!trigger) return false;
        const numbers = StoredMissedCallConfig.parse(trigger.config).numbers;
        return verified.some((e164) => numbers.length === 0 || numbers.includes(e164));
      });
    const warning = a2pWarning({ ...c, numbers: c.phoneNumbers.map((n) => n.e164) });
    const items: ChecklistItem[] = [
      { key: "hours", label: "Business hours set", done: hours.success && Object.values(hours.data).some((d) => d.length > 0), hint: "Set the weekly hours in Settings." },
      { key: "staff", label: "A staff contact to tell about callers", done: c.staffContacts.some((s) => s.mobile || s.email), hint: "Add a staff contact with a mobile number or an email in Settings." },
      { key: "number", label: "A number connected and verified in Twilio", done: verified.length > 0, hint: "Buy a number, connect one the agency has, or keep the business's line (Phone numbers)." },
      { key: "flow", label: "A published flow listening on that number", done: listening, hint: "Start a flow from a starter and publish it (Flows)." },
      // Only for clients with a US number: elsewhere there is no A2P 10DLC to wait for.
      ...(c.phoneNumbers.some((n) => n.e164.startsWith("+1"))
        ? [{ key: "a2p" as const, label: "A2P campaign approved (US)", done: warning === null, hint: warning ?? "" }]
        : []),
      {
        key: "testCall",
        label: "Test call: its text was delivered",
        done: delivered.some((m) => m.clientId === c.id && verified.includes(m.fromNumber)),
        hint: "Call your number now and let it ring out: this ticks when the text back is delivered.",
      },
    ];
    out.set(c.id, { items, live: items.every((i) => i.done), a2pWarning: warning });
  }
  return out;
}

/** Health at a glance for the clients page: each client's last 7 calendar days, in its timezone. */
export async function clientHealth(clientIds: string[], now = new Date()) {
  const [activity, checklists] = await Promise.all([clientActivity({ clientIds, days: 7, now }), goLiveChecklists(clientIds)]);
  const byClient = new Map(activity.map((a) => [a.clientId, a]));
  return clientIds.map((id) => {
    const a = byClient.get(id);
    const checklist = checklists.get(id)!;
    return {
      clientId: id,
      live: checklist.live,
      checklist: checklist.items,
      lastMissedCallAt: a?.lastMissedCallAt ?? null,
      texts7d: a?.texts ?? 0,
      failedSendsWaiting: a?.failedToResolve ?? 0,
      /** Share of the callers texted in the last 7 days who replied; null when none were texted. */
      replyRate7d: a?.texted ? a.replied / a.texted : null,
    };
  });
}
