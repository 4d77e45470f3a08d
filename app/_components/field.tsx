/** A labelled form field with its error beside it. */
export function Field({ label, hint, errors, children, className }: { label: string; hint?: string; errors?: string[]; children: React.ReactNode; className?: string }) {
  return (
    <label className={`block ${className ?? ""}`}>
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <div className="mt-1">{children}</div>
      {hint && !errors?.length && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {errors?.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
    </label>
  );
}

export function Section({ title, description, children, footer }: { title: string; description?: string; children: React.ReactNode; footer?: React.ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <div className="border-b border-slate-100 px-6 py-4">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
      </div>
      <div className="space-y-5 px-6 py-5">{children}</div>
      {footer && <div className="flex items-center justify-end gap-3 rounded-b-xl border-t border-slate-100 bg-slate-50 px-6 py-3">{footer}</div>}
    </section>
  );
}
