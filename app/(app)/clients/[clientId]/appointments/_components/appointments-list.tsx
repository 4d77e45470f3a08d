"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarDays } from "lucide-react";
import Link from "next/link";
import { BusinessTime } from "@/app/_components/business-time";
import { useConfirm } from "@/app/_components/dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

export function AppointmentsList({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.contacts.appointments.queryOptions({ clientId }));
  const { confirm, dialog } = useConfirm();
  const cancel = useMutation(
    trpc.contacts.cancelAppointment.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.contacts.appointments.queryKey({ clientId }) }) }),
  );
  if (list.data?.length === 0) {
    return (
      <EmptyState icon={CalendarDays} title="No appointments yet">
        Add a “Book appointment” step to a flow: it offers callers the next free slots by text and books the one they choose.
      </EmptyState>
    );
  }
  return (
    <>
    {dialog}
    <ul className="card divide-y divide-slate-100" aria-label="Appointments">
      {list.data?.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 text-sm" data-testid="appointment">
          <div className="w-60">
            <p className="font-medium text-slate-900" data-testid="appointment-time">
              <BusinessTime at={a.startsAt} />
            </p>
            <p className="text-xs text-slate-500">
              until <BusinessTime at={a.endsAt} only="time" />
            </p>
          </div>
          <p className="min-w-0 flex-1 text-slate-700">{a.contact.name ?? formatPhone(a.contact.e164)}</p>
          {a.runId && (
            <Link href={`/clients/${clientId}/runs/${a.runId}`} className="text-xs text-brand-700 hover:underline">
              booked by a run
            </Link>
          )}
          <span className={`rounded-full px-2 py-0.5 text-xs ${a.status === "booked" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-500"}`}>{a.status}</span>
          {a.status === "booked" && (
            <button type="button" className="btn-ghost text-xs text-red-600" onClick={async () => (await confirm({ title: "Cancel this appointment?", body: "The slot becomes free again. The caller is not texted about it.", confirmLabel: "Cancel appointment", danger: true })) && cancel.mutate({ clientId, appointmentId: a.id })}>
              Cancel
            </button>
          )}
        </li>
      ))}
    </ul>
    </>
  );
}
