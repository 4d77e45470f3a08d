import { PageHeader } from "@/app/_components/page-header";
import { RunsTable } from "@/app/_components/runs-table";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Runs · all clients" };

export default async function AgencyRunsPage() {
  const clients = await load((c) => c.clients.names());
  return (
    <>
      <PageHeader title="Runs across all clients" description="Every run of every client, newest first. Pick a client to filter by its flows." />
      <div className="p-4 sm:p-8">
        <RunsTable scope={{ kind: "agency", clients: clients.map((c) => ({ id: c.id, name: c.name })) }} />
      </div>
    </>
  );
}
