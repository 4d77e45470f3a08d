import { CalendarDays } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Appointments" };

export default function AppointmentsPage() {
  return (
    <>
      <PageHeader title="Appointments" description="What callers booked through the booking step." />
      <div className="p-8">
        <EmptyState icon={CalendarDays} title="No appointments yet">
          Add a “Book appointment” step to a flow: it offers callers the next free slots by text and books the one they choose.
        </EmptyState>
      </div>
    </>
  );
}
