import { load, loadClient } from "@/app/_trpc/server";
import { can } from "@/server/auth/permissions";
import { FlowEditor } from "./_components/flow-editor";

export const metadata = { title: "Flow editor" };

export default async function FlowEditorPage({ params }: { params: Promise<{ clientId: string; flowId: string }> }) {
  const { clientId, flowId } = await params;
  const [client, [flow, clients]] = await Promise.all([loadClient(clientId), load((c) => Promise.all([c.flows.get({ clientId, flowId }), c.clients.names()]))]);
  const isAgency = client.role === "admin" || client.role === "builder";
  return (
    <FlowEditor
      // Keyed by flow only: publishing or restoring refreshes the props but keeps the editor (and its undo history).
      key={flow.id}
      clientId={clientId}
      flow={{ id: flow.id, name: flow.name, graph: flow.graph, revision: flow.revision, activeVersion: flow.activeVersion }}
      canEdit={can(client.role, "editFlows")}
      numbers={client.numbers}
      otherClients={isAgency ? clients.filter((c) => c.id !== clientId).map((c) => ({ id: c.id, name: c.name })) : []}
    />
  );
}
