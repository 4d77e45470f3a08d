"use client";

import { useRef } from "react";
import { exampleValues, renderJsonTemplate, renderTemplate, variablesFor } from "@/server/flows/model";
import { estimateSegments, STOP_FOOTER } from "@/server/messaging/compose";
import { useFlowTrigger } from "./flow-trigger-context";

/**
 * A text message template: variable picker, live preview with sample data, and the character and
 * segment count of the longest text it can become (long names, the first-text footer), naming the
 * character that forces UCS-2. `json`: a webhook body, previewed as the JSON it posts (no segments).
 */
export function MessageEditor({
  label,
  value,
  onChange,
  errors,
  readOnly,
  customerFacing,
  json = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: string[];
  readOnly: boolean;
  customerFacing: boolean;
  json?: boolean;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Only the variables this flow's trigger gives: no {{call.time}} in a flow started by a text.
  const variables = variablesFor(useFlowTrigger());
  const preview = json ? renderJsonTemplate(value, exampleValues) : renderTemplate(value, exampleValues);
  const count = estimateSegments(value, { customerFacing });
  const insert = (name: string) => {
    const el = area.current;
    const token = `{{${name}}}`;
    if (!el) return onChange(value + token);
    const next = value.slice(0, el.selectionStart) + token + value.slice(el.selectionEnd);
    onChange(next);
    requestAnimationFrame(() => {
      el.focus();
      el.selectionStart = el.selectionEnd = el.selectionStart + token.length;
    });
  };
  return (
    <div className="space-y-2">
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{label}</span>
        <textarea
          ref={area}
          className="input mt-1 font-mono text-[13px]"
          rows={4}
          value={value}
          readOnly={readOnly}
          aria-invalid={errors.length > 0}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
      {!readOnly && (
        <div className="flex flex-wrap gap-1" aria-label="Insert a variable">
          {variables.map((v) => (
            <button key={v.name} type="button" title={v.description} className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 hover:bg-brand-50 hover:text-brand-700" onClick={() => insert(v.name)}>
              {v.name}
            </button>
          ))}
        </div>
      )}
      <div className="rounded-lg bg-slate-50 p-3">
        <p className="text-[11px] font-medium uppercase tracking-wider text-slate-400">Preview with sample data</p>
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800" data-testid="message-preview">
          {preview || "…"}
        </p>
        {!json && (
          <>
        <p className={`mt-2 text-xs ${count.segments > 1 ? "text-amber-700" : "text-slate-500"}`} data-testid="segment-count">
          Up to {count.units} characters · {count.segments} segment{count.segments === 1 ? "" : "s"} ({count.encoding})
          {count.forcedBy && <> · {count.forcedBy.name} makes this a UCS-2 text (70 characters per segment){count.forcedBy.hint ? `: ${count.forcedBy.hint}` : ""}</>}
        </p>
        <p className="mt-1 text-xs text-slate-500" data-testid="segment-basis">
          Counted with long values for each variable (a 32-letter name, a 120-character reply){customerFacing ? <>, as a caller&apos;s first text: “{STOP_FOOTER}” is added, and the business name if the text does not say it</> : null}. Each segment is billed.
        </p>
          </>
        )}
      </div>
    </div>
  );
}
