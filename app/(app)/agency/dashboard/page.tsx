import { DashboardView } from "@/app/_components/dashboard-view";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Dashboard · all clients" };

export default async function AgencyDashboardPage() {
  const data = await load((c) => c.dashboard.agency({ days: 30 }));
  return (
    <>
      <PageHeader title="Agency dashboard" description="Is text-back paying off across every client? The last 30 days, each client in its own timezone." />
      <div className="p-4 sm:p-8">
        <DashboardView data={data} scope={{ kind: "agency" }} />
      </div>
    </>
  );
}
