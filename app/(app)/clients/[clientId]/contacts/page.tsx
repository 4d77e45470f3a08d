import { PageHeader } from "@/app/_components/page-header";
import { ContactsTable } from "./_components/contacts-table";

export const metadata = { title: "Contacts & Leads" };

export default async function ContactsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return (
    <>
      <PageHeader title="Contacts & Leads" description="Everyone who called or texted, and the leads your flows created." />
      <div className="p-4 sm:p-8">
        <ContactsTable clientId={clientId} />
      </div>
    </>
  );
}
