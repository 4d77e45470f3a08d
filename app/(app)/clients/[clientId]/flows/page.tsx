import { Workflow } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Flows" };

export default function FlowsPage() {
  return (
    <>
      <PageHeader title="Flows" description="What happens after a missed call, drawn as a flow." />
      <div className="p-8">
        <EmptyState icon={Workflow} title="No flows yet">
          A flow decides what happens after a missed call: text back, check business hours, wait for the reply, tell the staff, book an appointment. Start from a starter flow and adjust it.
        </EmptyState>
      </div>
    </>
  );
}
