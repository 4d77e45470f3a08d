import { CircleCheck, CircleDashed } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import type { ChecklistKey } from "@/server/clients/go-live";
import { ArchiveClientButton } from "./_components/archive-client-button";

export const metadata = { title: "Go live" };

// Typed over every checklist key: a new item without a link is a compile error.
const linkFor: Record<ChecklistKey, { href: (id: string) => string; label: string }> = {
  hours: { href: (id) => `/clients/${id}/settings`, label: "Settings" },
  staff: { href: (id) => `/clients/${id}/settings`, label: "Settings" },
  number: { href: (id) => `/clients/${id}/numbers`, label: "Phone numbers" },
  flow: { href: (id) => `/clients/${id}/flows`, label: "Flows" },
  a2p: { href: (id) => `/clients/${id}/numbers`, label: "Phone numbers" },
  testCall: { href: () => `/phone`, label: "Phone simulator" },
};

/** The client's go-live checklist, ticked by the app from what is set up. */
export default async function SetupPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const [client, checklist, me, simulator] = await load((c) =>
    Promise.all([c.clients.get({ clientId }), c.clients.checklist({ clientId }), c.me.get(), c.phone.enabled()]),
  );
  const done = checklist.items.filter((i) => i.done).length;
  return (
    <>
      <PageHeader
        title={`Go live · ${client.name}`}
        description={checklist.live ? "Everything is in place: missed calls to this business are texted back." : `${done} of ${checklist.items.length} done. The app ticks each step by itself.`}
      />
      <div className="mx-auto max-w-3xl space-y-6 p-8">
        {checklist.live && (
          <p className="rounded-xl border border-emerald-200 bg-emerald-50 px-5 py-4 text-sm font-medium text-emerald-800" data-testid="go-live-status">
            Live — the test call was texted back and delivered.
          </p>
        )}
        <ol className="card divide-y divide-slate-100" aria-label="Go-live checklist">
          {checklist.items.map((item) => {
            const link = linkFor[item.key];
            const href = item.key === "testCall" && !simulator ? `/clients/${clientId}/runs` : link.href(clientId);
            return (
              <li key={item.key} className="flex items-start gap-3 px-5 py-4" data-testid={`check-${item.key}`} data-done={item.done || undefined}>
                {item.done ? <CircleCheck className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-label="Done" /> : <CircleDashed className="mt-0.5 h-5 w-5 shrink-0 text-slate-400" aria-label="To do" />}
                <div className="flex-1">
                  <p className={`text-sm font-medium ${item.done ? "text-slate-500" : "text-slate-900"}`}>{item.label}</p>
                  {!item.done && <p className="mt-0.5 text-sm text-slate-500">{item.hint}</p>}
                </div>
                {!item.done && (
                  <Link href={href} className="btn-secondary shrink-0">
                    {item.key === "testCall" && !simulator ? "Runs" : link.label}
                  </Link>
                )}
              </li>
            );
          })}
        </ol>
        <p className="text-sm text-slate-500">
          People: <Link href={`/clients/${clientId}/people`} className="font-medium text-brand-700 underline">invite the owner and their staff</Link> so they can see their runs and inbox.
        </p>
        {me.agencyRole === "admin" && <ArchiveClientButton clientId={clientId} name={client.name} />}
      </div>
    </>
  );
}
