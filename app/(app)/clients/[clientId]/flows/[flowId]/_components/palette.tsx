"use client";

import { catalogue, type NodeKind } from "@/server/flows/model";
import { categoryStyle, icons } from "@/app/_components/flow-canvas";

export const DRAG_TYPE = "application/ringback-node";

/**
 * Every node kind but the trigger (a flow has exactly one): a click, Enter or Space adds it (after
 * the selected step, when one is), or drag it onto the canvas to place it yourself.
 */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const entries = catalogue.filter((e) => e.kind !== "trigger.missedCall");
  return (
    <div className="space-y-1.5" aria-label="Steps to add">
      <p className="px-1 text-xs font-medium uppercase tracking-wider text-slate-400">Click a step to add it, or drag it</p>
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
            onClick={() => onAdd(e.kind as NodeKind)}
            onKeyDown={(ev) => {
              if (ev.key !== "Enter" && ev.key !== " ") return;
              ev.preventDefault();
              onAdd(e.kind as NodeKind);
            }}
            className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-sm text-slate-700 shadow-xs hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 active:cursor-grabbing"
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
