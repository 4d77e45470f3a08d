import { Users } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Contacts & Leads" };

export default function ContactsPage() {
  return (
    <>
      <PageHeader title="Contacts & Leads" description="Everyone who called or texted, and the leads your flows created." />
      <div className="p-8">
        <EmptyState icon={Users} title="No contacts yet">
          A contact is added the first time someone calls or texts this business. Flows with a “Create lead” step turn callers into leads you can follow up.
        </EmptyState>
      </div>
    </>
  );
}
