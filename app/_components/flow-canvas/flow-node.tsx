"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { handlesOf, isTrigger, nodeKinds, summaryOf, type FlowNode } from "@/server/flows/model";
import { categoryStyle, icons } from "./node-visuals";

/** What the canvas knows about a node: the model node, plus view state computed by the editor. */
export type CanvasNodeData = {
  node: FlowNode;
  issueCount: number;
  /** Part of the simulated or recorded path. */
  onPath: boolean;
  /** The run is waiting here. */
  current: boolean;
  /** Off the path while a path is shown. */
  dimmed: boolean;
};
export type CanvasNode = Node<CanvasNodeData, "flow">;

function FlowNodeView({ data, selected }: NodeProps<CanvasNode>) {
  const { node, issueCount, onPath, current, dimmed } = data;
  const kind = nodeKinds[node.kind];
  const style = categoryStyle[kind.category];
  const Icon = icons[kind.icon];
  const handles = handlesOf(node);
  return (
    <div
      data-testid={`node-${node.id}`}
      data-on-path={onPath || undefined}
      data-current={current || undefined}
      className={`relative w-60 rounded-xl border-2 bg-white shadow-sm transition ${style.ring} ${selected ? "ring-4 ring-brand-100" : ""} ${
        onPath ? "!border-emerald-500 shadow-emerald-100 shadow-lg" : ""
      } ${current ? "!border-violet-500 ring-4 ring-violet-200" : ""} ${dimmed ? "opacity-45 saturate-50" : ""}`}
    >
      {!isTrigger(node.kind) && <Handle type="target" position={Position.Left} title="Connect a step here" className="!h-3.5 !w-3.5 !border-2 !border-white !bg-slate-400" />}
      <div className="flex items-start gap-2.5 p-3">
        <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-lg ${style.icon}`}>
          <Icon className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-[10px] font-medium uppercase tracking-wider text-slate-400">{kind.label}</p>
          <p className="truncate text-sm font-semibold text-slate-900">{node.label || kind.label}</p>
          <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{summaryOf(node)}</p>
        </div>
      </div>
      {current && (
        <span className="absolute -top-3 left-3 rounded-full bg-violet-600 px-2 py-0.5 text-[10px] font-semibold text-white shadow-sm">Waiting here</span>
      )}
      {issueCount > 0 && (
        <span
          className="absolute -right-2 -top-2 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-bold text-white"
          title={`${issueCount} problem${issueCount > 1 ? "s" : ""}`}
          data-testid={`node-issues-${node.id}`}
        >
          {issueCount}
        </span>
      )}
      {handles.length > 0 && (
        <div className="border-t border-slate-100 py-1">
          {handles.map((h) => (
            <div key={h.id} className="relative flex h-6 items-center justify-end pr-4 text-[11px] font-medium text-slate-500">
              {handles.length > 1 || h.id !== "next" ? h.label : ""}
              <Handle id={h.id} type="source" position={Position.Right} title={h.label ? `Drag to the step after “${h.label}”` : "Drag to the next step"} className="!h-3.5 !w-3.5 !border-2 !border-white !bg-brand-500" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const FlowNodeComponent = memo(FlowNodeView);
