import { PageHeader } from "@/app/_components/page-header";
import { Inbox } from "./_components/inbox";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return (
    <>
      <PageHeader title="Inbox" description="Conversations with callers, texts in and out." />
      <div className="p-4 sm:p-8">
        <Inbox clientId={clientId} />
      </div>
    </>
  );
}
