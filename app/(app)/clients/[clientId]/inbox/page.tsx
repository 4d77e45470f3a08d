import { Inbox } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <>
      <PageHeader title="Inbox" description="Conversations with callers, texts in and out." />
      <div className="p-8">
        <EmptyState icon={Inbox} title="No conversations yet">
          Texts your flows send and the replies callers write show up here as one thread per contact, and you can answer by hand.
        </EmptyState>
      </div>
    </>
  );
}
