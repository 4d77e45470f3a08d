import { Workflow } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { load, loadClient } from "@/app/_trpc/server";
import { can } from "@/server/auth/permissions";
import { NewFlowButton } from "./_components/new-flow-button";
import { FlowsTable } from "./_components/flows-table";

export const metadata = { title: "Flows" };

export default async function FlowsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const [client, [flows, starters]] = await Promise.all([loadClient(clientId), load((c) => Promise.all([c.flows.list({ clientId }), c.flows.starters()]))]);
  const canEdit = can(client.role, "editFlows");
  const starterList = starters.map(({ id, name, description }) => ({ id, name, description }));
  return (
    <>
      <PageHeader
        title="Flows"
        description="What happens after a missed call, drawn as a flow. Published flows run on every missed call to their numbers."
        actions={canEdit && <NewFlowButton clientId={clientId} starters={starterList} />}
      />
      <div className="p-4 sm:p-8">
        {flows.length === 0 ? (
          <EmptyState
            icon={Workflow}
            title="No flows yet"
            action={canEdit && <NewFlowButton clientId={clientId} starters={starterList} />}
          >
            A flow decides what happens after a missed call: text back, check business hours, wait for the reply, tell the staff, book an
            appointment. Start from a starter flow and adjust it.
          </EmptyState>
        ) : (
          <FlowsTable clientId={clientId} flows={flows} canEdit={canEdit} />
        )}
      </div>
    </>
  );
}
