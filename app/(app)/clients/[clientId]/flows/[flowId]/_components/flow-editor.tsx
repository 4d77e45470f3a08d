"use client";

import "@xyflow/react/dist/style.css";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { ArrowLeft, LayoutGrid, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { hasErrors, validate } from "@/server/flows/engine";
import { defaultConfigOf, isNodeKind, type FlowGraph, type NodeKind } from "@/server/flows/model";
import type { SimulationResult } from "@/server/flows/simulate";
import { CopyToClients } from "./copy-to-clients";
import { FlowNodeComponent, type CanvasNode } from "./flow-node";
import { Inspector } from "./inspector";
import { IssuesPanel } from "./issues-panel";
import { DRAG_TYPE, Palette } from "./palette";
import { autoLayout, toCanvas } from "./projection";
import { PublishButton } from "./publish-button";
import { SimulatorPanel } from "./simulator-panel";
import { useAutosave } from "./use-autosave";
import { useHistory } from "./use-history";
import { VersionsPanel } from "./versions-panel";

const nodeTypes = { flow: FlowNodeComponent };
type Tab = "step" | "problems" | "simulate" | "versions";
const tabLabels: Record<Tab, string> = { step: "Step", problems: "Problems", simulate: "Try it", versions: "Versions" };

export interface EditorProps {
  clientId: string;
  flow: { id: string; name: string; graph: FlowGraph; revision: number; activeVersion: { id: string; number: number } | null };
  canEdit: boolean;
  otherClients: { id: string; name: string }[];
}

export function FlowEditor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

const newId = (kind: string) => `${kind.split(".").pop()}-${Math.random().toString(36).slice(2, 7)}`;
const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function Editor({ clientId, flow, canEdit, otherClients }: EditorProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const rf = useReactFlow();
  const history = useHistory<FlowGraph>(flow.graph);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<Tab>("step");
  const [viewingVersion, setViewingVersion] = useState<string | null>(null);
  const [simulation, setSimulationState] = useState<SimulationResult | null>(null);
  const [revealed, setRevealed] = useState(0);
  const setSimulation = useCallback((r: SimulationResult | null) => {
    setRevealed(0);
    setSimulationState(r);
  }, []);
  const clipboard = useRef<FlowGraph | null>(null);
  const dragStart = useRef<FlowGraph | null>(null);

  const version = useQuery({ ...trpc.flows.version.queryOptions({ clientId, versionId: viewingVersion ?? "" }), enabled: !!viewingVersion });
  const readOnly = !canEdit || !!viewingVersion;
  const graph = viewingVersion && version.data ? version.data.graph : history.present;
  const issues = useMemo(() => validate(graph), [graph]);
  const autosave = useAutosave({ clientId, flowId: flow.id, graph: history.present, revision: flow.revision, enabled: canEdit });
  const current = useQuery({ ...trpc.flows.get.queryOptions({ clientId, flowId: flow.id }), enabled: autosave.state.kind === "conflict" });

  // The simulated path lights up one node at a time.
  useEffect(() => {
    if (!simulation) return;
    const timer = setInterval(() => setRevealed((n) => (n >= simulation.path.length ? n : n + 1)), 250);
    return () => clearInterval(timer);
  }, [simulation]);
  const path = useMemo(() => (simulation ? simulation.path.slice(0, revealed) : []), [simulation, revealed]);

  const { nodes, edges } = useMemo(() => {
    const issueCount = new Map<string, number>();
    for (const i of issues) if (i.nodeId && i.severity === "error") issueCount.set(i.nodeId, (issueCount.get(i.nodeId) ?? 0) + 1);
    return toCanvas(graph, {
      selected,
      issues: issueCount,
      path: new Set(path.map((p) => p.nodeId)),
      pathEdges: new Set(path.filter((p) => p.handle).map((p) => `${p.nodeId}:${p.handle}`)),
      current: null,
    });
  }, [graph, issues, selected, path]);

  const edit = history.set;
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
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
        if (c.type === "remove") edit((g) => removeNodes(g, new Set([c.id])));
      }
    },
    [readOnly, history, edit],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const c of changes) {
        if (c.type === "select") setSelected((s) => toggle(s, c.id, c.selected));
        if (c.type === "remove" && !readOnly) edit((g) => ({ ...g, edges: g.edges.filter((e) => e.id !== c.id) }));
      }
    },
    [readOnly, edit],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !c.sourceHandle) return;
      const id = `${c.source}:${c.sourceHandle}`;
      // Each output handle leads to one next step: connecting again replaces the old edge.
      edit((g) => ({ ...g, edges: [...g.edges.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle)), { id, source: c.source, sourceHandle: c.sourceHandle!, target: c.target }] }));
    },
    [readOnly, edit],
  );
  const onReconnect = useCallback(
    (old: { id: string }, c: Connection) => {
      if (readOnly || !c.sourceHandle) return;
      edit((g) => ({ ...g, edges: g.edges.map((e) => (e.id === old.id ? { ...e, source: c.source, sourceHandle: c.sourceHandle!, target: c.target } : e)) }));
    },
    [readOnly, edit],
  );

  const addNode = useCallback(
    (kind: NodeKind, position?: { x: number; y: number }) => {
      const id = newId(kind);
      const at = position ?? rf.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      edit((g) => ({ ...g, nodes: [...g.nodes, { id, kind, position: at, config: defaultConfigOf(kind) }] }));
      setSelected(new Set([id]));
      setTab("step");
    },
    [edit, rf],
  );
  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_TYPE);
      if (readOnly || !isNodeKind(kind)) return;
      addNode(kind, rf.screenToFlowPosition({ x: event.clientX - 120, y: event.clientY - 30 }));
    },
    [addNode, readOnly, rf],
  );

  const focusNode = useCallback(
    (nodeId: string) => {
      const node = graph.nodes.find((n) => n.id === nodeId);
      if (!node) return;
      setSelected(new Set([nodeId]));
      setTab("step");
      void rf.setCenter(node.position.x + 120, node.position.y + 60, { zoom: 1.1, duration: 300 });
    },
    [graph, rf],
  );

  // Keyboard: undo/redo, copy/paste (Delete/Backspace are React Flow's own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (readOnly || isTyping(e.target) || !(e.metaKey || e.ctrlKey)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) history.undo();
      else if ((key === "z" && e.shiftKey) || key === "y") history.redo();
      else if (key === "c") clipboard.current = subgraph(history.present, selected);
      else if (key === "v" && clipboard.current?.nodes.length) {
        const pasted = offsetCopy(clipboard.current);
        edit((g) => ({ nodes: [...g.nodes, ...pasted.nodes], edges: [...g.edges, ...pasted.edges] }));
        setSelected(new Set(pasted.nodes.map((n) => n.id)));
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, history, selected, edit]);

  const selectedNode = graph.nodes.find((n) => selected.has(n.id)) ?? null;
  const errors = issues.filter((i) => i.severity === "error");

  const saveLabel = { saved: "All changes saved", saving: "Saving…", dirty: "Unsaved changes", conflict: "Not saved: conflict", error: "Not saved" }[autosave.state.kind];
  const publishBlocked = hasErrors(issues) ? `Fix ${errors.length} problem${errors.length > 1 ? "s" : ""} first: ${errors[0].message}` : autosave.state.kind !== "saved" ? "Wait for the draft to save." : null;
  const publish = useMutation(trpc.flows.publish.mutationOptions({ onSuccess: () => router.refresh() }));

  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-5 py-3">
        <Link href={`/clients/${clientId}/flows`} className="btn-ghost" aria-label="Back to flows">
          <ArrowLeft className="h-4 w-4" />
        </Link>
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold text-slate-900">{flow.name}</h1>
          <p className="text-xs text-slate-500" data-testid="flow-status">
            {viewingVersion && version.data ? `Viewing version ${version.data.number} (read-only)` : flow.activeVersion ? `Live: version ${flow.activeVersion.number}` : "Draft, not published"}
            {canEdit && !viewingVersion && <> · <span data-testid="save-state">{saveLabel}</span></>}
            {!canEdit && " · read-only"}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-2">
          {canEdit && !viewingVersion && (
            <>
              <button type="button" className="btn-ghost" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!history.canUndo} onClick={history.undo}>
                <Undo2 className="h-4 w-4" />
              </button>
              <button type="button" className="btn-ghost" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!history.canRedo} onClick={history.redo}>
                <Redo2 className="h-4 w-4" />
              </button>
              <button
                type="button"
                className="btn-secondary"
                title="Arrange the steps left to right"
                onClick={() => {
                  edit((g) => autoLayout(g));
                  setTimeout(() => void rf.fitView({ padding: 0.1, duration: 200 }), 50);
                }}
              >
                <LayoutGrid className="h-4 w-4" /> Tidy up
              </button>
            </>
          )}
          {otherClients.length > 0 && <CopyToClients clientId={clientId} flowId={flow.id} clients={otherClients} />}
          {canEdit && !viewingVersion && (
            <PublishButton blockedReason={publishBlocked} pending={publish.isPending} error={publish.error} onPublish={(note) => publish.mutate({ clientId, flowId: flow.id, note })} />
          )}
        </div>
      </header>

      {autosave.state.kind === "conflict" && (
        <div className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900" role="alert">
          {autosave.state.message}
          <button type="button" className="btn-secondary ml-auto !py-1" onClick={() => router.refresh()}>
            Reload theirs
          </button>
          <button type="button" className="btn-secondary !py-1" disabled={!current.data} onClick={() => current.data && autosave.overwrite(current.data.revision)}>
            Keep mine
          </button>
        </div>
      )}

      <div className="flex min-h-0 flex-1">
        {canEdit && !viewingVersion && (
          <aside className="w-48 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-3">
            <Palette onAdd={(k) => addNode(k)} />
          </aside>
        )}
        <div className="min-w-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onReconnect={onReconnect}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesReconnectable={!readOnly}
            deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
            fitView
            fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} color="#e2e8f0" />
            <MiniMap pannable zoomable nodeColor={(n) => ((n.data as CanvasNode["data"]).onPath ? "#10b981" : "#94a3b8")} className="!rounded-lg !border !border-slate-200" />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        <aside className="flex w-[22rem] shrink-0 flex-col border-l border-slate-200 bg-white">
          <nav className="flex border-b border-slate-200 text-sm" aria-label="Editor panels">
            {(["step", "problems", "simulate", "versions"] as Tab[]).map((t) => (
              <button
                key={t}
                type="button"
                onClick={() => setTab(t)}
                aria-pressed={tab === t}
                className={`flex-1 px-3 py-2.5 font-medium ${tab === t ? "border-b-2 border-brand-600 text-brand-700" : "text-slate-500 hover:text-slate-800"}`}
              >
                {tabLabels[t]}{t === "problems" && issues.length ? ` (${issues.length})` : ""}
              </button>
            ))}
          </nav>
          <div className="min-h-0 flex-1 overflow-y-auto p-4">
            {tab === "step" &&
              (selectedNode ? (
                <Inspector
                  key={selectedNode.id}
                  node={selectedNode}
                  issues={issues.filter((i) => i.nodeId === selectedNode.id)}
                  readOnly={readOnly}
                  onChange={(patch) => edit((g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === selectedNode.id ? { ...n, ...patch, config: patch.config ?? n.config } : n)) }))}
                  onDelete={() => edit((g) => removeNodes(g, new Set([selectedNode.id])))}
                />
              ) : (
                <p className="text-sm text-slate-500">Select a step to set it up{canEdit ? ", or drag a new one from the left" : ""}.</p>
              ))}
            {tab === "problems" && <IssuesPanel issues={issues} onFocus={focusNode} />}
            {tab === "simulate" && <SimulatorPanel clientId={clientId} flowId={flow.id} graph={graph} onResult={setSimulation} />}
            {tab === "versions" && (
              <VersionsPanel
                clientId={clientId}
                flowId={flow.id}
                canEdit={canEdit}
                viewing={viewingVersion}
                onView={setViewingVersion}
                onRestored={() => {
                  setViewingVersion(null);
                  router.refresh();
                }}
              />
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}

function toggle(set: Set<string>, id: string, on: boolean) {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

function removeNodes(g: FlowGraph, ids: Set<string>): FlowGraph {
  return { nodes: g.nodes.filter((n) => !ids.has(n.id)), edges: g.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)) };
}

function subgraph(g: FlowGraph, ids: Set<string>): FlowGraph {
  const nodes = g.nodes.filter((n) => ids.has(n.id) && n.kind !== "trigger.missedCall");
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

/** A pasted copy: new ids, shifted down and right, edges between copied nodes kept. */
function offsetCopy(g: FlowGraph): FlowGraph {
  const ids = new Map(g.nodes.map((n) => [n.id, newId(n.kind)]));
  return {
    nodes: g.nodes.map((n) => ({ ...n, id: ids.get(n.id)!, position: { x: n.position.x + 40, y: n.position.y + 40 } })),
    edges: g.edges.map((e) => ({ ...e, id: `${ids.get(e.source)}:${e.sourceHandle}`, source: ids.get(e.source)!, target: ids.get(e.target)! })),
  };
}
