import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { DashboardView } from "@/app/_components/dashboard-view";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const data = await load((c) => c.dashboard.client({ clientId, days: 30 }));
  return (
    <>
      <PageHeader title="Dashboard" description="Is text-back paying off? The last 30 days." />
      <div className="p-4 sm:p-8">
        <DashboardView data={data} scope={{ kind: "client" }} />
      </div>
    </>
  );
}
