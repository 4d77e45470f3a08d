import { PageHeader } from "@/app/_components/page-header";
import { RunsTable } from "@/app/_components/runs-table";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const flows = await load((c) => c.flows.list({ clientId }));
  return (
    <>
      <PageHeader title="Runs" description="Every time a flow ran: what it did, step by step, and why." />
      <div className="p-4 sm:p-8">
        <RunsTable scope={{ kind: "client", clientId, flows: flows.map((f) => ({ id: f.id, name: f.name })) }} />
      </div>
    </>
  );
}
