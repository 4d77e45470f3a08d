import { FailedSendsList } from "@/app/_components/failed-sends-list";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Failed sends · all clients" };

export default async function AgencyFailedSendsPage() {
  const clients = await load((c) => c.clients.names());
  return (
    <>
      <PageHeader title="Failed sends across all clients" description="Every text that did not reach a caller, at any client: why, and a one-click retry." />
      <div className="p-4 sm:p-8">
        <FailedSendsList scope={{ kind: "agency", clients: clients.map((c) => ({ id: c.id, name: c.name })) }} />
      </div>
    </>
  );
}
