"use client";

import { Trash2 } from "lucide-react";
import { isTrigger, nodeKinds, type FlowNode, type NodeKind } from "@/server/flows/model";
import type { Issue } from "@/server/flows/engine";
import { nodeForms, type BusinessNumber, type NodeForm, type NodeFormProps } from "./node-forms";

type Config = Record<string, unknown>;
export type { BusinessNumber };

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
        <ConfigFields node={node} set={set} errorsFor={errorsFor} readOnly={readOnly} numbers={numbers} />
      </fieldset>
      {!readOnly && !isTrigger(node.kind) && (
        <button type="button" className="btn-secondary w-full text-red-600" onClick={onDelete}>
          <Trash2 className="h-4 w-4" /> Delete step
        </button>
      )}
    </div>
  );
}

/** The kind's own form (node-forms/), typed to its config. */
function ConfigFields<K extends NodeKind>({ node, ...props }: { node: FlowNode & { kind: K } } & Omit<NodeFormProps<K>, "config">) {
  const Form = nodeForms[node.kind] as NodeForm<K>;
  return <Form config={node.config as NodeFormProps<K>["config"]} {...props} />;
}
