import { FailedSendsList } from "@/app/_components/failed-sends-list";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Failed sends" };

export default async function FailedSendsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return (
    <>
      <PageHeader title="Failed sends" description="Texts that did not reach the caller, why, and a one-click retry." />
      <div className="p-4 sm:p-8">
        <FailedSendsList scope={{ kind: "client", clientId }} />
      </div>
    </>
  );
}
