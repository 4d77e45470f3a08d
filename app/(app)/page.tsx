import { Globe, MessageSquare, Phone, PhoneMissed, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { formatPhone } from "@/server/clients/phone";

export const metadata = { title: "Clients" };

export default async function HomePage() {
  const [me, clients] = await load((c) => Promise.all([c.me.get(), c.clients.list()]));
  // A user of one business has nothing to choose: take them straight to it — ops to the inbox, where
  // their work is (flows are read-only for them), everyone else to the flows.
  if (!me.isAgencyUser && clients.length === 1) redirect(`/clients/${clients[0].id}/${clients[0].role === "ops" ? "inbox" : "flows"}`);

  return (
    <>
      <PageHeader title={me.agencyName ? `${me.agencyName} · Clients` : "Your businesses"} description="Missed calls, texts and failed sends over the last 30 days." />
      <div className="grid gap-5 p-4 sm:p-8 sm:grid-cols-2 xl:grid-cols-3">
        {clients.map((c) => (
          <Link key={c.id} href={`/clients/${c.id}/flows`} data-testid="client-card" className="card group p-5 transition hover:border-brand-500 hover:shadow-md">
            <div className="flex items-start justify-between">
              <div>
                <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{c.name}</h2>
                <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-500">
                  <Phone className="h-3.5 w-3.5" /> {c.phoneNumbers.length ? c.phoneNumbers.map(formatPhone).join(", ") : "No number yet"}
                </p>
                <p className="mt-0.5 flex items-center gap-1.5 text-sm text-slate-500">
                  <Globe className="h-3.5 w-3.5" /> {c.timezone.replace("_", " ")}
                </p>
              </div>
            </div>
            <dl className="mt-5 grid grid-cols-3 gap-2 border-t border-slate-100 pt-4 text-center">
              <Stat icon={PhoneMissed} label="Missed calls" value={c.missedCalls30d} />
              <Stat icon={MessageSquare} label="Texts" value={c.texts30d} />
              <Stat icon={TriangleAlert} label="Failed sends" value={c.failedSends} warn={c.failedSends > 0} />
            </dl>
          </Link>
        ))}
        {clients.length === 0 && <p className="text-sm text-slate-500">No businesses yet.</p>}
      </div>
    </>
  );
}

function Stat({ icon: Icon, label, value, warn }: { icon: React.ComponentType<{ className?: string }>; label: string; value: number; warn?: boolean }) {
  return (
    <div>
      <dt className="flex items-center justify-center gap-1 text-xs text-slate-500">
        <Icon className="h-3.5 w-3.5" /> {label}
      </dt>
      <dd className={`mt-1 text-xl font-semibold ${warn ? "text-red-600" : "text-slate-900"}`}>{value}</dd>
    </div>
  );
}
