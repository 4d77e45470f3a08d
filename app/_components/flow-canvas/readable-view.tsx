"use client";

import { getNodesBounds, getViewportForBounds, useNodesInitialized, useReactFlow, useStore, type Viewport } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { CanvasNode } from "./flow-node";
import { isTrigger } from "@/server/flows/model";

/**
 * The zoom at which a step's title (14 px) is still at least 12 px on screen. Fitting a large flow
 * into the canvas goes far below it (0.26: 5 px titles), so a flow opens at this zoom instead.
 */
export const READABLE_ZOOM = 0.9;
const PADDING = 0.08;
const LEFT_MARGIN = 48;

/**
 * Where a flow opens: the whole flow when it fits at a readable zoom; otherwise the readable zoom
 * with the trigger at the left edge, centred vertically, so the flow reads on to the right. Pure.
 */
export function openingViewport(
  nodes: { id: string; position: { x: number; y: number }; width: number; height: number; isTrigger: boolean }[],
  bounds: { x: number; y: number; width: number; height: number },
  canvas: { width: number; height: number },
  fitted: Viewport,
): Viewport {
  if (fitted.zoom >= READABLE_ZOOM || nodes.length === 0) return fitted;
  const trigger = nodes.find((n) => n.isTrigger) ?? nodes.reduce((a, b) => (b.position.x < a.position.x ? b : a));
  const zoom = READABLE_ZOOM;
  return {
    zoom,
    x: LEFT_MARGIN - trigger.position.x * zoom,
    y: canvas.height / 2 - (trigger.position.y + trigger.height / 2) * zoom,
  };
}

/**
 * Whether the person moved the view (Fit View, zoom, pan) before the steps were measured. On a busy
 * machine measuring can take a moment; the opening view must not then yank their view away. Pure.
 */
export function viewMovedSince(start: Viewport, now: Viewport): boolean {
  return start.x !== now.x || start.y !== now.y || start.zoom !== now.zoom;
}

const transformAsViewport = ([x, y, zoom]: [number, number, number]): Viewport => ({ x, y, zoom });

/** Sets the opening viewport once, as soon as React Flow has measured the steps, unless the person moved it first. */
export function ReadableView() {
  const initialized = useNodesInitialized();
  const rf = useReactFlow<CanvasNode>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const transform = useStore((s) => s.transform);
  const start = useRef<Viewport | null>(null);
  start.current ??= transformAsViewport(transform);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !initialized || !width || !height) return;
    done.current = true;
    if (viewMovedSince(start.current!, transformAsViewport(transform))) return;
    const nodes = rf.getNodes();
    const bounds = getNodesBounds(nodes);
    const fitted = getViewportForBounds(bounds, width, height, 0.2, 1, PADDING);
    const measured = nodes.map((n) => ({
      id: n.id,
      position: n.position,
      width: n.measured?.width ?? 240,
      height: n.measured?.height ?? 80,
      isTrigger: isTrigger(n.data.node.kind),
    }));
    void rf.setViewport(openingViewport(measured, bounds, { width, height }, fitted));
  }, [initialized, width, height, transform, rf]);
  return null;
}
