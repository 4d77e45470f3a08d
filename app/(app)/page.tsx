import { Archive, CircleCheck, CircleDashed, Globe, MessageSquare, Phone, PhoneMissed, Plus, Reply, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { formatPhone } from "@/server/phone/phone";
import { RestoreClientButton } from "./_components/restore-client-button";

export const metadata = { title: "Clients" };

function ago(date: Date | null) {
  if (!date) return "none yet";
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

export default async function HomePage() {
  const [me, clients, health, archived] = await load((c) => Promise.all([c.me.get(), c.clients.list(), c.clients.health(), c.clients.archived()]));
  // A user of one business has nothing to choose: take them straight to it — ops to the inbox, where
  // their work is (flows are read-only for them), everyone else to the flows.
  if (!me.isAgencyUser && clients.length === 1) redirect(`/clients/${clients[0].id}/${clients[0].role === "ops" ? "inbox" : "flows"}`);
  const healthOf = (id: string) => health.find((h) => h.clientId === id)!;
  const notLive = clients.filter((c) => !healthOf(c.id).live);
  const isAdmin = me.agencyRole === "admin";

  return (
    <>
      <PageHeader
        title={me.agencyName ? `${me.agencyName} · Clients` : "Your businesses"}
        description="Health at a glance: live or not, the last missed call, texts and replies over the last 7 days, failed sends waiting."
        actions={
          isAdmin && (
            <Link href="/clients/new" className="btn-primary">
              <Plus className="h-4 w-4" /> New client
            </Link>
          )
        }
      />
      {me.isAgencyUser && notLive.length > 0 && (
        <section className="mx-8 mt-6 rounded-xl border border-amber-200 bg-amber-50 px-5 py-4" aria-label="Not live yet">
          <h2 className="text-sm font-semibold text-amber-900">Not live yet</h2>
          <ul className="mt-2 space-y-1 text-sm text-amber-900">
            {notLive.map((c) => {
              const open = healthOf(c.id).checklist.filter((i) => !i.done);
              return (
                <li key={c.id}>
                  <Link href={`/clients/${c.id}/setup`} className="font-medium underline">
                    {c.name}
                  </Link>{" "}
                  — {open.length} step{open.length === 1 ? "" : "s"} to go: {open.map((i) => i.label).join("; ")}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <div className="grid gap-5 p-4 sm:p-8 sm:grid-cols-2 xl:grid-cols-3">
        {clients.map((c) => {
          const h = healthOf(c.id);
          return (
            <Link key={c.id} href={`/clients/${c.id}/flows`} data-testid="client-card" className="card group p-5 transition hover:border-brand-500 hover:shadow-md">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{c.name}</h2>
                  <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-500">
                    <Phone className="h-3.5 w-3.5" /> {c.phoneNumbers.length ? c.phoneNumbers.map(formatPhone).join(", ") : "No number yet"}
                  </p>
                  <p className="mt-0.5 flex items-center gap-1.5 text-sm text-slate-500">
                    <Globe className="h-3.5 w-3.5" /> {c.timezone.replace("_", " ")}
                  </p>
                </div>
                {h.live ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700" data-testid="live-badge">
                    <CircleCheck className="h-3.5 w-3.5" /> Live
                  </span>
                ) : (
                  <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800" data-testid="live-badge">
                    <CircleDashed className="h-3.5 w-3.5" /> Not live
                  </span>
                )}
              </div>
              <p className="mt-3 flex items-center gap-1.5 text-sm text-slate-600">
                <PhoneMissed className="h-3.5 w-3.5" /> Last missed call: {ago(h.lastMissedCallAt)}
              </p>
              <dl className="mt-4 grid grid-cols-3 gap-2 border-t border-slate-100 pt-4 text-center">
                <Stat icon={MessageSquare} label="Texts 7 days" value={String(h.texts7d)} />
                <Stat icon={Reply} label="Reply rate" value={h.replyRate7d === null ? "–" : `${Math.round(h.replyRate7d * 100)}%`} />
                <Stat icon={TriangleAlert} label="Failed waiting" value={String(h.failedSendsWaiting)} warn={h.failedSendsWaiting > 0} />
              </dl>
            </Link>
          );
        })}
        {clients.length === 0 && <p className="text-sm text-slate-500">No businesses yet.{isAdmin && " Add the first with “New client”."}</p>}
      </div>
      {archived.length > 0 && (
        <section className="px-8 pb-8" aria-label="Archived clients">
          <h2 className="flex items-center gap-1.5 text-sm font-semibold text-slate-700">
            <Archive className="h-4 w-4" /> Archived
          </h2>
          <p className="text-xs text-slate-500">Their numbers no longer start flows; their history stays readable.</p>
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {archived.map((c) => (
              <li key={c.id} className="flex items-center justify-between px-4 py-2 text-sm">
                <Link href={`/clients/${c.id}/runs`} className="font-medium text-slate-700 hover:underline">
                  {c.name}
                </Link>
                {isAdmin && <RestoreClientButton clientId={c.id} name={c.name} />}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Stat({ icon: Icon, label, value, warn }: { icon: React.ComponentType<{ className?: string }>; label: string; value: string; warn?: boolean }) {
  return (
    <div>
      <dt className="flex items-center justify-center gap-1 text-xs text-slate-500">
        <Icon className="h-3.5 w-3.5" /> {label}
      </dt>
      <dd className={`mt-1 text-xl font-semibold ${warn ? "text-red-600" : "text-slate-900"}`}>{value}</dd>
    </div>
  );
}
