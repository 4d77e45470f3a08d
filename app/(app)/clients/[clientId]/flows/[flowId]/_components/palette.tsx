"use client";

import { catalogue, isTrigger, type CatalogueEntry, type NodeKind } from "@/server/flows/model";
import { categoryStyle, icons } from "@/app/_components/flow-canvas";

export const DRAG_TYPE = "application/ringback-node";

/**
 * Every node kind: a click, Enter or Space adds it (after the selected step, when one is), or drag
 * it onto the canvas to place it yourself. A flow has exactly one trigger, so the triggers it does
 * not have are offered first: with none, one is added; otherwise it takes the place of the one there is.
 */
export function Palette({ onAdd, trigger }: { onAdd: (kind: NodeKind) => void; trigger: NodeKind | null }) {
  const triggers = catalogue.filter((e) => isTrigger(e.kind) && e.kind !== trigger);
  const steps = catalogue.filter((e) => !isTrigger(e.kind));
  return (
    <div className="space-y-1.5" aria-label="Steps to add">
      {triggers.length > 0 && (
        <>
          <p className="px-1 text-xs font-medium uppercase tracking-wider text-slate-400">{trigger ? "Start it another way" : "Start the flow with"}</p>
          {triggers.map((e) => (
            <PaletteEntry key={e.kind} entry={e} onAdd={onAdd} title={trigger ? `${e.description} Takes the place of the current trigger.` : e.description} />
          ))}
        </>
      )}
      <p className="px-1 pt-2 text-xs font-medium uppercase tracking-wider text-slate-400">Click a step to add it, or drag it</p>
      {steps.map((e) => (
        <PaletteEntry key={e.kind} entry={e} onAdd={onAdd} title={e.description} />
      ))}
    </div>
  );
}

function PaletteEntry({ entry: e, onAdd, title }: { entry: CatalogueEntry; onAdd: (kind: NodeKind) => void; title: string }) {
  const Icon = icons[e.icon];
  const style = categoryStyle[e.category];
  return (
    <div
      draggable
      data-testid={`palette-${e.kind}`}
      role="button"
      tabIndex={0}
      title={title}
      onDragStart={(ev) => {
        ev.dataTransfer.setData(DRAG_TYPE, e.kind);
        ev.dataTransfer.effectAllowed = "move";
      }}
      onClick={() => onAdd(e.kind)}
      onKeyDown={(ev) => {
        if (ev.key !== "Enter" && ev.key !== " ") return;
        ev.preventDefault();
        onAdd(e.kind);
      }}
      className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-sm text-slate-700 shadow-xs hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 active:cursor-grabbing"
    >
      <span className={`flex h-6 w-6 items-center justify-center rounded-md ${style.icon}`}>
        <Icon className="h-3.5 w-3.5" />
      </span>
      {e.label}
    </div>
  );
}
