"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Field, Section } from "@/app/_components/field";
import { errorsUnder, fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { ClientSettings } from "@/server/clients/client-service";
import { HoursEditor } from "./hours-editor";

type Editable = Pick<ClientSettings, "businessName" | "timezone" | "businessHours" | "closures" | "quietHours" | "bookingSettings">;

export function BusinessSettingsForm({ settings }: { settings: ClientSettings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState<Editable>(() => ({
    businessName: settings.businessName,
    timezone: settings.timezone,
    businessHours: settings.businessHours,
    closures: settings.closures,
    quietHours: settings.quietHours,
    bookingSettings: settings.bookingSettings,
  }));
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.clients.updateSettings.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const errors = fieldErrorsOf(save.error);
  const timezones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const set = <K extends keyof Editable>(key: K, value: Editable[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const booking = form.bookingSettings;
  const setBooking = (patch: Partial<typeof booking>) => set("bookingSettings", { ...booking, ...patch });

  return (
    <form
      className="space-y-8"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ clientId: settings.id, ...form });
      }}
      noValidate
    >
      <Section title="Business" description="How the business is named in texts, and where it is.">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Business name as texted" hint="The first text to a caller starts with it." errors={errors.businessName}>
            <input className="input" aria-invalid={!!errors.businessName} value={form.businessName} onChange={(e) => set("businessName", e.target.value)} />
          </Field>
          <Field label="Timezone" errors={errors.timezone}>
            <input
              className="input"
              list="timezones"
              aria-invalid={!!errors.timezone}
              value={form.timezone}
              onChange={(e) => set("timezone", e.target.value)}
            />
            <datalist id="timezones">
              {timezones.map((tz) => (
                <option key={tz} value={tz} />
              ))}
            </datalist>
          </Field>
          <div>
            <p className="text-sm font-medium text-slate-700">Messaging Service (US A2P 10DLC)</p>
            <p className="mt-1 text-sm text-slate-500">
              {settings.messagingServiceSid ? <span className="font-mono">{settings.messagingServiceSid}</span> : "None: texts go from the number."}{" "}
              Chosen on{" "}
              <Link href={`/clients/${settings.id}/numbers`} className="underline">
                Phone numbers
              </Link>
              , where its campaign status is read from Twilio.
            </p>
          </div>
        </div>
      </Section>

      <Section title="Business hours" description={`Weekly opening hours in ${form.timezone}. Flows use them to tell open from closed.`}>
        <HoursEditor value={form.businessHours} onChange={(v) => set("businessHours", v)} errors={errors} />
      </Section>

      <Section title="Closures" description="Whole days the business is closed (holidays).">
        <div className="space-y-2">
          {form.closures.length === 0 && <p className="text-sm text-slate-400">No closures.</p>}
          {form.closures.map((c, i) => (
            <div key={i} className="flex items-start gap-2">
              <div>
                <input
                  type="date"
                  aria-label={`Closure ${i + 1} date`}
                  className="input w-44"
                  aria-invalid={errorsUnder(errors, `closures.${i}`).length > 0}
                  value={c.date}
                  onChange={(e) => set("closures", form.closures.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))}
                />
                {errorsUnder(errors, `closures.${i}`).map((m) => (
                  <p key={m} className="field-error">{m}</p>
                ))}
              </div>
              <input
                aria-label={`Closure ${i + 1} label`}
                placeholder="Christmas Day"
                className="input flex-1"
                value={c.label ?? ""}
                onChange={(e) => set("closures", form.closures.map((x, j) => (j === i ? { ...x, label: e.target.value || undefined } : x)))}
              />
              <button type="button" className="btn-ghost" aria-label={`Remove closure ${i + 1}`} onClick={() => set("closures", form.closures.filter((_, j) => j !== i))}>
                <X className="h-4 w-4" />
              </button>
            </div>
          ))}
          <button type="button" className="btn-secondary" onClick={() => set("closures", [...form.closures, { date: "" }])}>
            <Plus className="h-4 w-4" /> Add closure
          </button>
        </div>
      </Section>

      <Section title="Quiet hours" description="Texts that are not an immediate reply to a caller wait until quiet hours end.">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={form.quietHours !== null}
            onChange={(e) => set("quietHours", e.target.checked ? { start: "21:00", end: "08:00" } : null)}
          />
          Hold follow-up texts overnight
        </label>
        {form.quietHours && (
          <div className="flex items-start gap-3">
            <Field label="From" errors={errors["quietHours.start"]}>
              <input type="time" className="input w-32" value={form.quietHours.start} onChange={(e) => set("quietHours", { ...form.quietHours!, start: e.target.value })} />
            </Field>
            <Field label="Until" errors={errors["quietHours.end"]}>
              <input type="time" className="input w-32" value={form.quietHours.end} onChange={(e) => set("quietHours", { ...form.quietHours!, end: e.target.value })} />
            </Field>
          </div>
        )}
      </Section>

      <Section
        title="Booking"
        description="How the booking step offers appointment slots."
        footer={
          <>
            {save.error && <p className="mr-auto text-sm text-red-600" role="alert">{messageOf(save.error)}</p>}
            {saved && !save.isPending && <p className="mr-auto text-sm text-emerald-600" role="status">Settings saved.</p>}
            <button type="submit" className="btn-primary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save settings"}
            </button>
          </>
        }
      >
        <div className="grid gap-5 sm:grid-cols-4">
          <Field label="Slot length (min)" errors={errors["bookingSettings.slotMinutes"]}>
            <input type="number" className="input" value={booking.slotMinutes} onChange={(e) => setBooking({ slotMinutes: e.target.valueAsNumber })} />
          </Field>
          <Field label="Buffer (min)" errors={errors["bookingSettings.bufferMinutes"]}>
            <input type="number" className="input" value={booking.bufferMinutes} onChange={(e) => setBooking({ bufferMinutes: e.target.valueAsNumber })} />
          </Field>
          <Field label="Days ahead" errors={errors["bookingSettings.daysAhead"]}>
            <input type="number" className="input" value={booking.daysAhead} onChange={(e) => setBooking({ daysAhead: e.target.valueAsNumber })} />
          </Field>
          <Field label="Slots offered" errors={errors["bookingSettings.slotsOffered"]}>
            <input type="number" className="input" value={booking.slotsOffered} onChange={(e) => setBooking({ slotsOffered: e.target.valueAsNumber })} />
          </Field>
        </div>
        <Field label="Booking link (optional)" hint="Used by booking steps set to send a link instead of offering slots." errors={errors["bookingSettings.bookingUrl"]}>
          <input className="input" placeholder="https://…" value={booking.bookingUrl ?? ""} onChange={(e) => setBooking({ bookingUrl: e.target.value.trim() || null })} />
        </Field>
      </Section>
    </form>
  );
}
