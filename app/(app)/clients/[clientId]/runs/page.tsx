import { History } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Every time a flow ran: what it did, step by step, and why." />
      <div className="p-8">
        <EmptyState icon={History} title="No runs yet">
          When a call to this business is missed, each published flow that listens on the number starts a run. Publish a flow, then call the number (or use the phone simulator) to see the first one here.
        </EmptyState>
      </div>
    </>
  );
}
