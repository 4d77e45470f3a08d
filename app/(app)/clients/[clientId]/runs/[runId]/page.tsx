import { RunDetail } from "./run-detail";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ clientId: string; runId: string }> }) {
  const { clientId, runId } = await params;
  return <RunDetail clientId={clientId} runId={runId} />;
}
