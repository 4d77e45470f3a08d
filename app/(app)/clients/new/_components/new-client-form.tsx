"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { Field, Section } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { hoursPresets, type HoursPreset } from "@/server/clients/hours-presets";

const COMMON_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"];

const noSubscription = () => () => {};

export function NewClientForm() {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  // The browser's own timezone is the best first guess for a business the agency is setting up.
  const browserZone = useSyncExternalStore(noSubscription, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
  const [picked, setTimezone] = useState<string | null>(null);
  const timezone = picked ?? browserZone ?? "America/Chicago";
  const [preset, setPreset] = useState<HoursPreset>("mon-fri-8-5");
  const [staff, setStaff] = useState({ name: "", mobile: "", email: "" });
  const create = useMutation(
    trpc.clients.create.mutationOptions({
      // A full load: the sidebar (the layout, rendered once) lists clients too and must show the new one.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- router.push keeps the stale layout
      onSuccess: (client) => window.location.assign(`/clients/${client.id}/setup`),
    }),
  );
  const errors = fieldErrorsOf(create.error);
  const zones = COMMON_ZONES.includes(timezone) ? COMMON_ZONES : [timezone, ...COMMON_ZONES];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const hasStaff = staff.name.trim() || staff.mobile.trim() || staff.email.trim();
        create.mutate({
          name,
          timezone,
          hoursPreset: preset,
          staff: hasStaff ? { name: staff.name, mobile: staff.mobile.trim() || null, email: staff.email.trim() || null } : null,
        });
      }}
    >
      <Section
        title="The business"
        footer={
          <>
            {create.error && (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {messageOf(create.error)}
              </p>
            )}
            <button type="submit" className="btn-primary" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create client"}
            </button>
          </>
        }
      >
        <Field label="Name, as texted to callers" hint="It starts every first text: “Thanks for calling Harbor Auto Repair…”" errors={errors.name}>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Harbor Auto Repair" autoFocus />
        </Field>
        <Field label="Timezone" hint="From your browser; change it if the business is elsewhere." errors={errors.timezone}>
          <select className="input" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace("_", " ")}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Business hours</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {(Object.keys(hoursPresets) as HoursPreset[]).map((key) => (
              <label key={key} className={`cursor-pointer rounded-lg border px-3 py-2 text-sm ${preset === key ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 text-slate-700"}`}>
                <input type="radio" name="hours" className="sr-only" checked={preset === key} onChange={() => setPreset(key)} />
                {hoursPresets[key].label}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">Fine-tune days, closures and quiet hours later in Settings.</p>
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium text-slate-700">Staff contact (told about callers)</legend>
          <Field label="Name" errors={errors["staff.name"]}>
            <input className="input" value={staff.name} onChange={(e) => setStaff({ ...staff, name: e.target.value })} />
          </Field>
          <Field label="Mobile" errors={errors["staff.mobile"]}>
            <input className="input" value={staff.mobile} onChange={(e) => setStaff({ ...staff, mobile: e.target.value })} placeholder="(415) 555-0142" />
          </Field>
          <Field label="Email" errors={errors["staff.email"]}>
            <input className="input" type="email" value={staff.email} onChange={(e) => setStaff({ ...staff, email: e.target.value })} />
          </Field>
        </fieldset>
      </Section>
    </form>
  );
}
