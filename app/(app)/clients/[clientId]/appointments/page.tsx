import { PageHeader } from "@/app/_components/page-header";
import { AppointmentsList } from "./_components/appointments-list";

export const metadata = { title: "Appointments" };

export default async function AppointmentsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return (
    <>
      <PageHeader title="Appointments" description="What callers booked through the booking step." />
      <div className="p-4 sm:p-8">
        <AppointmentsList clientId={clientId} />
      </div>
    </>
  );
}
