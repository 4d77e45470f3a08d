"use client";

import { Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { formatPhone } from "@/server/clients/phone";
import { CallReasons, nodeKinds, StaffChannels, type FlowNode } from "@/server/flows/model";
import type { Issue } from "@/server/flows/engine";
import { MessageEditor } from "./message-editor";

type Config = Record<string, unknown>;
/** One of the business's phone numbers, offered to the missed-call trigger. */
export type BusinessNumber = { e164: string; label: string | null };

/** The form for the selected node: its name and its settings, with problems beside the fields. */
export function Inspector({
  node,
  issues,
  readOnly,
  numbers,
  onChange,
  onDelete,
}: {
  node: FlowNode;
  issues: Issue[];
  readOnly: boolean;
  numbers: BusinessNumber[];
  onChange: (patch: { label?: string; config?: Config }) => void;
  onDelete: () => void;
}) {
  const kind = nodeKinds[node.kind];
  const config = node.config as Config;
  const set = (key: string, value: unknown) => onChange({ config: { ...config, [key]: value } });
  const errorsFor = (field: string) => issues.filter((i) => i.field === field || i.field?.startsWith(`${field}.`)).map((i) => i.message);
  const general = issues.filter((i) => !i.field);
  return (
    <div className="space-y-5" data-testid="inspector">
      <div>
        <p className="text-xs font-medium uppercase tracking-wider text-slate-400">{kind.label}</p>
        <p className="text-sm text-slate-500">{kind.description}</p>
      </div>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">Name on the canvas</span>
        <input className="input mt-1" value={node.label ?? ""} placeholder={kind.label} readOnly={readOnly} onChange={(e) => onChange({ label: e.target.value })} />
      </label>
      {general.map((i) => (
        <p key={i.message} className={`rounded-lg px-3 py-2 text-sm ${i.severity === "error" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800"}`}>
          {i.message}
        </p>
      ))}
      <fieldset disabled={readOnly} className="space-y-5">
        <ConfigFields node={node} config={config} set={set} errorsFor={errorsFor} readOnly={readOnly} numbers={numbers} />
      </fieldset>
      {!readOnly && node.kind !== "trigger.missedCall" && (
        <button type="button" className="btn-secondary w-full text-red-600" onClick={onDelete}>
          <Trash2 className="h-4 w-4" /> Delete step
        </button>
      )}
    </div>
  );
}

function ConfigFields({
  node,
  config,
  set,
  errorsFor,
  readOnly,
  numbers,
}: {
  node: FlowNode;
  config: Config;
  set: (k: string, v: unknown) => void;
  errorsFor: (f: string) => string[];
  readOnly: boolean;
  numbers: BusinessNumber[];
}) {
  const text = (key: string, label: string, placeholder?: string) => (
    <Field label={label} errors={errorsFor(key)}>
      <input className="input" value={String(config[key] ?? "")} placeholder={placeholder} onChange={(e) => set(key, e.target.value || undefined)} />
    </Field>
  );
  const minutes = (key: string, label: string) => (
    <Field label={label} errors={errorsFor(key)}>
      <input type="number" className="input" value={Number.isFinite(config[key]) ? Number(config[key]) : ""} onChange={(e) => set(key, e.target.valueAsNumber)} />
    </Field>
  );
  const list = (key: string, label: string, hint: string) => (
    <Field label={label} errors={errorsFor(key)} hint={hint}>
      <ListInput value={(config[key] as string[] | undefined) ?? []} onChange={(v) => set(key, v)} />
    </Field>
  );
  const checks = (key: string, label: string, options: readonly (string | [string, string])[]) => {
    const value = (config[key] as string[] | undefined) ?? [];
    return (
      <Field label={label} errors={errorsFor(key)} group>
        <div className="flex flex-wrap gap-x-3 gap-y-1.5">
          {options.map((o) => {
            const [v, l] = typeof o === "string" ? [o, o] : o;
            return (
              <label key={v} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" checked={value.includes(v)} onChange={(e) => set(key, e.target.checked ? [...value, v] : value.filter((x) => x !== v))} />
                {l}
              </label>
            );
          })}
        </div>
      </Field>
    );
  };
  const select = (key: string, label: string, options: [string, string][]) => (
    <Field label={label} errors={errorsFor(key)}>
      <select className="input" value={String(config[key] ?? options[0][0])} onChange={(e) => set(key, e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
  const message = (key: string, label: string, customerFacing: boolean) => (
    <MessageEditor label={label} value={String(config[key] ?? "")} onChange={(v) => set(key, v)} errors={errorsFor(key)} readOnly={readOnly} customerFacing={customerFacing} />
  );
  switch (node.kind) {
    case "trigger.missedCall":
      return (
        <>
          <NumbersField numbers={numbers} value={(config.numbers as string[] | undefined) ?? []} errors={errorsFor("numbers")} onChange={(v) => set("numbers", v)} />
          {checks("reasons", "Counts as missed", CallReasons)}
        </>
      );
    case "condition.existingContact":
      return (
        <>
          {text("requireTag", "Only if tagged (optional)", "vip")}
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={Boolean(config.requireOpenLead)} onChange={(e) => set("requireOpenLead", e.target.checked)} /> Only if they have an open lead
          </label>
        </>
      );
    case "condition.keyword":
      return (
        <>
          {list("keywords", "Words or phrases", "Comma-separated; any case.")}
          {select("source", "Look in", [["lastReply", "The caller's last reply"], ["voicemailTranscript", "The voicemail transcript"]])}
        </>
      );
    case "condition.cooldown":
      return (
        <>
          {minutes("windowMinutes", "Window (minutes)")}
          {select("scope", "Counts runs of", [["flow", "This flow"], ["any", "Any flow"]])}
        </>
      );
    case "action.sendSms":
      return (
        <>
          {message("template", "Text message", true)}
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={Boolean(config.immediate)} onChange={(e) => set("immediate", e.target.checked)} /> Immediate reply (sent even during quiet hours)
          </label>
        </>
      );
    case "action.notifyStaff":
      return (
        <>
          {message("template", "Message to staff", false)}
          {checks("channels", "Reach staff by", StaffChannels)}
        </>
      );
    case "action.book":
      return (
        <>
          {select("mode", "How", [["offerSlots", "Offer the next free times"], ["link", "Text the booking link"]])}
          {config.mode !== "link" && minutes("replyTimeoutMinutes", "Wait for a choice (minutes)")}
          {message("template", config.mode === "link" ? "Link text" : "Offer text", true)}
          {message("confirmTemplate", "Confirmation text", true)}
        </>
      );
    case "wait.reply":
      return minutes("timeoutMinutes", "Wait up to (minutes)");
    case "wait.delay":
      return (
        <>
          {select("mode", "Wait", [["duration", "A set time"], ["untilOpen", "Until the business opens"]])}
          {config.mode === "duration" && minutes("minutes", "Minutes")}
        </>
      );
    default:
      return <p className="text-sm text-slate-500">Nothing to set up.</p>;
  }
}

/** A labelled control with its errors beside it; `group` for a set of checkboxes (a fieldset). */
function Field({ label, errors, hint, group, children }: { label: string; errors: string[]; hint?: string; group?: boolean; children: React.ReactNode }) {
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

/** The trigger's numbers: the business's own, ticked; none ticked means all of them. */
function NumbersField({ numbers, value, errors, onChange }: { numbers: BusinessNumber[]; value: string[]; errors: string[]; onChange: (v: string[]) => void }) {
  const id = useId();
  // A number the flow names that the business no longer has stays visible, so it can be unticked.
  const options = [...numbers, ...value.filter((v) => !numbers.some((n) => n.e164 === v)).map((e164) => ({ e164, label: "not this business's number" }))];
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-700">Listens on</legend>
      <div className="mt-1 space-y-1.5">
        {options.map((n) => (
          <label key={n.e164} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={value.includes(n.e164)} onChange={(e) => onChange(e.target.checked ? [...value, n.e164] : value.filter((v) => v !== n.e164))} />
            {formatPhone(n.e164)}
            {n.label && <span className="text-xs text-slate-400">{n.label}</span>}
          </label>
        ))}
        {options.length === 0 && <p className="text-sm text-slate-500">This business has no numbers yet: add one in Settings.</p>}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {value.length ? `Only calls to ${value.length === 1 ? "this number" : "these numbers"} start the flow.` : "None ticked: calls to any of the business's numbers start the flow."}
      </p>
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
