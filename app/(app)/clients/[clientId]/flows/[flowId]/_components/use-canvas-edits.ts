"use client";

import { useReactFlow, type Connection, type EdgeChange, type FinalConnectionState, type NodeChange } from "@xyflow/react";
import { useCallback, useRef } from "react";
import type { CanvasNode } from "@/app/_components/flow-canvas";
import { isTrigger as isTriggerKind, type FlowGraph } from "@/server/flows/model";
import { connect, reconnect, removeEdges, removeNodes } from "./graph-edits";
import type { GraphHistory } from "./use-history";

/** The node under a pointer, if any: a connection dropped anywhere on a step connects to that step. */
function nodeUnder(event: MouseEvent | TouchEvent): string | null {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  const el = document.elementFromPoint(point.clientX, point.clientY)?.closest(".react-flow__node");
  return el?.getAttribute("data-id") ?? null;
}

/** Turns React Flow's canvas events into edits of the graph (the one source of truth). */
export function useCanvasEdits({ history, readOnly, setSelected }: { history: GraphHistory<FlowGraph>; readOnly: boolean; setSelected: (f: (s: Set<string>) => Set<string>) => void }) {
  const dragStart = useRef<FlowGraph | null>(null);
  // While an edge's end is being moved, React Flow reports the drop to onConnectEnd as well.
  const reconnecting = useRef<{ handled: boolean } | null>(null);
  const rf = useReactFlow();
  const isTrigger = useCallback((id: string) => rf.getNode(id)?.data && isTriggerKind((rf.getNode(id)!.data as CanvasNode["data"]).node.kind), [rf]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const removed = new Set<string>();
      for (const c of changes) {
        if (c.type === "select") setSelected((s) => toggle(s, c.id, c.selected));
        if (readOnly) continue;
        if (c.type === "position" && c.position) {
          if (c.dragging && !dragStart.current) dragStart.current = history.present;
          const { position } = c;
          history.replace((g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === c.id ? { ...n, position } : n)) }));
          if (!c.dragging && dragStart.current) {
            history.checkpoint(dragStart.current);
            dragStart.current = null;
          }
        }
        if (c.type === "remove") removed.add(c.id);
      }
      if (removed.size) history.set((g) => removeNodes(g, removed));
    },
    [readOnly, history, setSelected],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = new Set<string>();
      for (const c of changes) {
        if (c.type === "select") setSelected((s) => toggle(s, c.id, c.selected));
        if (c.type === "remove" && !readOnly) removed.add(c.id);
      }
      if (removed.size) history.set((g) => removeEdges(g, removed));
    },
    [readOnly, history, setSelected],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !c.sourceHandle) return;
      history.set((g) => connect(g, c.source, c.sourceHandle!, c.target));
    },
    [readOnly, history],
  );

  // Dropped on a step's body rather than on its small input handle: connect to that step anyway.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (readOnly || reconnecting.current || state.isValid || state.fromHandle?.type !== "source" || !state.fromHandle.id || !state.fromNode) return;
      const target = nodeUnder(event);
      if (!target || target === state.fromNode.id || isTrigger(target)) return;
      const [source, handle] = [state.fromNode.id, state.fromHandle.id];
      history.set((g) => connect(g, source, handle, target));
    },
    [readOnly, history, isTrigger],
  );

  const onReconnectStart = useCallback(() => {
    reconnecting.current = { handled: false };
  }, []);
  const onReconnect = useCallback(
    (old: { id: string }, c: Connection) => {
      if (reconnecting.current) reconnecting.current.handled = true;
      if (readOnly || !c.sourceHandle) return;
      history.set((g) => reconnect(g, old.id, c.source, c.sourceHandle!, c.target));
    },
    [readOnly, history],
  );
  // The edge's end dropped on a step's body: move it there. Dropped on empty canvas: it stays.
  const onReconnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, edge: { id: string; source: string; sourceHandle?: string | null }) => {
      const handled = reconnecting.current?.handled ?? true;
      reconnecting.current = null;
      if (handled || readOnly || !edge.sourceHandle) return;
      const target = nodeUnder(event);
      if (!target || isTrigger(target)) return;
      const handle = edge.sourceHandle;
      history.set((g) => reconnect(g, edge.id, edge.source, handle, target));
    },
    [readOnly, history, isTrigger],
  );

  return { onNodesChange, onEdgesChange, onConnect, onConnectEnd, onReconnectStart, onReconnect, onReconnectEnd };
}

function toggle(set: Set<string>, id: string, on: boolean) {
  if (set.has(id) === on) return set;
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
