"use client";

import { useId, useState } from "react";
import { formatPhone } from "@/server/phone/phone";
import type { DraftNodeConfig, NodeKind } from "@/server/flows/model";
import { MessageEditor } from "../message-editor";

/** One of the business's phone numbers, offered to the missed-call trigger. */
export type BusinessNumber = { e164: string; label: string | null };

/** A kind's config as the form edits it: a draft, any field possibly missing. */
export type FormConfig<K extends NodeKind> = DraftNodeConfig<K>;
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
/** A field of the kind's config (of any of its variants, for a config such as the Wait's "mode" union). */
export type FieldName<K extends NodeKind> = Extract<KeysOfUnion<FormConfig<K>>, string>;

/** What every kind's settings form gets: the node's draft config, and ways to change it and show its problems. */
export type NodeFormProps<K extends NodeKind> = {
  config: FormConfig<K>;
  set: (field: FieldName<K>, value: unknown) => void;
  errorsFor: (field: string) => string[];
  readOnly: boolean;
  /** The business's numbers (the trigger listens on them). */
  numbers: BusinessNumber[];
};
/** A kind's settings form. */
export type NodeForm<K extends NodeKind> = (props: NodeFormProps<K>) => React.ReactNode;

type Common = { label: string; errors: string[] };

/** A labelled control with its errors beside it; `group` for a set of checkboxes (a fieldset). */
export function Field({ label, errors, hint, group, children }: Common & { hint?: string; group?: boolean; children: React.ReactNode }) {
  const Outer = group ? "fieldset" : "label";
  const Title = group ? "legend" : "span";
  return (
    <Outer className="block">
      <Title className="text-sm font-medium text-slate-700">{label}</Title>
      <div className="mt-1">{children}</div>
      {hint && !errors.length && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
    </Outer>
  );
}

export function TextField({ label, errors, value, placeholder, onChange }: Common & { value: unknown; placeholder?: string; onChange: (v: string | undefined) => void }) {
  return (
    <Field label={label} errors={errors}>
      <input className="input" value={typeof value === "string" ? value : ""} placeholder={placeholder} onChange={(e) => onChange(e.target.value || undefined)} />
    </Field>
  );
}

export function NumberField({ label, errors, value, onChange }: Common & { value: unknown; onChange: (v: number) => void }) {
  return (
    <Field label={label} errors={errors}>
      <input type="number" className="input" value={typeof value === "number" && Number.isFinite(value) ? value : ""} onChange={(e) => onChange(e.target.valueAsNumber)} />
    </Field>
  );
}

export function ListField({ label, errors, hint, value, onChange }: Common & { hint: string; value: unknown; onChange: (v: string[]) => void }) {
  return (
    <Field label={label} errors={errors} hint={hint}>
      <ListInput value={strings(value)} onChange={onChange} />
    </Field>
  );
}

/** Checkboxes for a list of options: `[value, label]`, or a value that is its own label. */
export function ChecksField({ label, errors, value, options, onChange }: Common & { value: unknown; options: readonly (string | [string, string])[]; onChange: (v: string[]) => void }) {
  const ticked = strings(value);
  return (
    <Field label={label} errors={errors} group>
      <div className="flex flex-wrap gap-x-3 gap-y-1.5">
        {options.map((o) => {
          const [v, l] = typeof o === "string" ? [o, o] : o;
          return (
            <label key={v} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={ticked.includes(v)} onChange={(e) => onChange(e.target.checked ? [...ticked, v] : ticked.filter((x) => x !== v))} />
              {l}
            </label>
          );
        })}
      </div>
    </Field>
  );
}

export function SelectField({ label, errors, value, options, onChange }: Common & { value: unknown; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <Field label={label} errors={errors}>
      <select className="input" value={typeof value === "string" ? value : options[0][0]} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField({ label, value, onChange }: { label: string; value: unknown; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function MessageField({ label, errors, value, readOnly, customerFacing, onChange }: Common & { value: unknown; readOnly: boolean; customerFacing: boolean; onChange: (v: string) => void }) {
  return <MessageEditor label={label} value={typeof value === "string" ? value : ""} onChange={onChange} errors={errors} readOnly={readOnly} customerFacing={customerFacing} />;
}

/** For a kind with no settings: say what it uses instead, so an empty form never looks broken. */
export function NoSettings({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

/** Comma-separated words: the text is kept as typed, so a comma or space is not eaten mid-word. */
function ListInput({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <input
      className="input"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(",").map((s) => s.trim()).filter(Boolean));
      }}
    />
  );
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The trigger's numbers: the business's own, ticked; none ticked means all of them. */
export function NumbersField({ numbers, value, errors, onChange }: { numbers: BusinessNumber[]; value: unknown; errors: string[]; onChange: (v: string[]) => void }) {
  const id = useId();
  const ticked = strings(value);
  // A number the flow names that the business no longer has stays visible, so it can be unticked.
  const options = [...numbers, ...ticked.filter((v) => !numbers.some((n) => n.e164 === v)).map((e164) => ({ e164, label: "not this business's number" }))];
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-700">Listens on</legend>
      <div className="mt-1 space-y-1.5">
        {options.map((n) => (
          <label key={n.e164} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={ticked.includes(n.e164)} onChange={(e) => onChange(e.target.checked ? [...ticked, n.e164] : ticked.filter((v) => v !== n.e164))} />
            {formatPhone(n.e164)}
            {n.label && <span className="text-xs text-slate-400">{n.label}</span>}
          </label>
        ))}
        {options.length === 0 && <p className="text-sm text-slate-500">This business has no numbers yet: add one in Settings.</p>}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {ticked.length ? `Only calls to ${ticked.length === 1 ? "this number" : "these numbers"} start the flow.` : "None ticked: calls to any of the business's numbers start the flow."}
      </p>
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
