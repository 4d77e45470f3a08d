"use client";

import { Plus, X } from "lucide-react";
import { errorsUnder, type FieldErrors } from "@/app/_components/field-errors";
import { Weekdays, type WeeklyHours } from "@/server/clients/settings-schemas";

const dayNames = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

/** Weekly hours: several ranges a day; an end before the start runs overnight. */
export function HoursEditor({ value, onChange, errors }: { value: WeeklyHours; onChange: (v: WeeklyHours) => void; errors: FieldErrors }) {
  return (
    <div className="divide-y divide-slate-100">
      {Weekdays.map((day) => {
        const ranges = value[day];
        const dayErrors = errorsUnder(errors, `businessHours.${day}`);
        return (
          <div key={day} className="flex flex-wrap items-start gap-3 py-2.5" data-testid={`hours-${day}`}>
            <span className="w-24 pt-2 text-sm font-medium text-slate-700">{dayNames[day]}</span>
            <div className="flex-1 space-y-2">
              {ranges.length === 0 && <p className="pt-2 text-sm text-slate-400">Closed</p>}
              {ranges.map((r, i) => (
                <div key={i} className="flex items-center gap-2">
                  <input
                    type="time"
                    aria-label={`${dayNames[day]} range ${i + 1} opens`}
                    className="input w-32"
                    value={r.start}
                    onChange={(e) => onChange({ ...value, [day]: ranges.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)) })}
                  />
                  <span className="text-slate-400">–</span>
                  <input
                    type="time"
                    aria-label={`${dayNames[day]} range ${i + 1} closes`}
                    className="input w-32"
                    value={r.end}
                    onChange={(e) => onChange({ ...value, [day]: ranges.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)) })}
                  />
                  {r.end <= r.start && r.end !== r.start && <span className="text-xs text-slate-500">overnight</span>}
                  <button
                    type="button"
                    aria-label={`Remove ${dayNames[day]} range ${i + 1}`}
                    className="btn-ghost"
                    onClick={() => onChange({ ...value, [day]: ranges.filter((_, j) => j !== i) })}
                  >
                    <X className="h-4 w-4" />
                  </button>
                </div>
              ))}
              {dayErrors.map((e) => (
                <p key={e} className="field-error" role="alert">
                  {e}
                </p>
              ))}
            </div>
            <button
              type="button"
              className="btn-ghost"
              aria-label={`Add hours on ${dayNames[day]}`}
              onClick={() => {
                const last = ranges.at(-1);
                onChange({ ...value, [day]: [...ranges, last ? { start: last.end, end: "23:00" } : { start: "09:00", end: "17:00" }] });
              }}
            >
              <Plus className="h-4 w-4" /> Add hours
            </button>
          </div>
        );
      })}
    </div>
  );
}
