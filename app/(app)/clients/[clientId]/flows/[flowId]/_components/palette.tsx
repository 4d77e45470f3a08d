"use client";

import { catalogue, type NodeKind } from "@/server/flows/model";
import { categoryStyle, icons } from "@/app/_components/flow-canvas";

export const DRAG_TYPE = "application/ringback-node";

/** Every node kind but the trigger (a flow has exactly one), to drag onto the canvas. */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const entries = catalogue.filter((e) => e.kind !== "trigger.missedCall");
  return (
    <div className="space-y-1.5" aria-label="Steps to add">
      <p className="px-1 text-xs font-medium uppercase tracking-wider text-slate-400">Drag a step onto the canvas</p>
      {entries.map((e) => {
        const Icon = icons[e.icon];
        const style = categoryStyle[e.category];
        return (
          <div
            key={e.kind}
            draggable
            data-testid={`palette-${e.kind}`}
            role="button"
            tabIndex={0}
            title={e.description}
            onDragStart={(ev) => {
              ev.dataTransfer.setData(DRAG_TYPE, e.kind);
              ev.dataTransfer.effectAllowed = "move";
            }}
            onKeyDown={(ev) => ev.key === "Enter" && onAdd(e.kind as NodeKind)}
            onDoubleClick={() => onAdd(e.kind as NodeKind)}
            className="flex cursor-grab items-center gap-2 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-sm text-slate-700 shadow-xs hover:border-brand-500 active:cursor-grabbing"
          >
            <span className={`flex h-6 w-6 items-center justify-center rounded-md ${style.icon}`}>
              <Icon className="h-3.5 w-3.5" />
            </span>
            {e.label}
          </div>
        );
      })}
    </div>
  );
}
