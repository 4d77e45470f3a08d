"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Panel, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FlowCanvas, NODE_WIDTH, ReadOnlyFlowCanvas, nodeHeight, pathView, toCanvas } from "@/app/_components/flow-canvas";
import { useNarrow } from "@/app/_components/use-narrow";
import { useTRPC } from "@/app/_trpc/client";
import { hasErrors, validate } from "@/server/flows/engine";
import { isNodeKind, isTrigger, sameGraph, triggerEventOf, triggerNodeOf, type FlowGraph, type NodeKind } from "@/server/flows/model";
import type { SimulationResult } from "@/server/flows/simulate";
import { EditorHeader } from "./editor-header";
import { FlowTriggerContext } from "./flow-trigger-context";
import { addNode as addNodeTo, addNodeAfter, offsetCopy, paste, removeNodes, setTrigger, subgraph, updateNode } from "./graph-edits";
import { Inspector, type BusinessNumber } from "./inspector";
import { IssuesPanel } from "./issues-panel";
import { OverlapDialog, type Overlap } from "./overlap-dialog";
import { DRAG_TYPE, Palette } from "./palette";
import { SimulatorPanel } from "./simulator-panel";
import { useAutosave } from "./use-autosave";
import { useCanvasEdits } from "./use-canvas-edits";
import { useHistory } from "./use-history";
import { VersionsPanel } from "./versions-panel";

type Tab = "step" | "problems" | "simulate" | "versions";
const tabLabels: Record<Tab, string> = { step: "Step", problems: "Problems", simulate: "Try it", versions: "Versions" };

export interface EditorProps {
  clientId: string;
  flow: { id: string; name: string; graph: FlowGraph; revision: number; activeVersion: { id: string; number: number; graph: FlowGraph } | null };
  canEdit: boolean;
  otherClients: { id: string; name: string }[];
  numbers: BusinessNumber[];
}

export function FlowEditor(props: EditorProps) {
  // Drawing a flow needs room and a pointer: below 1024 px the editor shows the flow read-only.
  const narrow = useNarrow();
  return (
    <ReactFlowProvider>
      <Editor {...props} canEdit={props.canEdit && !narrow} narrowNote={props.canEdit && narrow} />
    </ReactFlowProvider>
  );
}

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
// Where a step lands relative to the pointer: its header under the cursor, not its corner.
const GRAB_OFFSET = { x: 120, y: 30 };

/**
 * The editor keeps one undo history for as long as the flow is open: publishing, restoring a
 * version and reloading someone else's draft are steps in it, not a fresh start.
 */
function Editor({ clientId, flow, canEdit, otherClients, numbers, narrowNote }: EditorProps & { narrowNote: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  const canvasRef = useRef<HTMLDivElement>(null);

  const version = useQuery({ ...trpc.flows.version.queryOptions({ clientId, versionId: viewingVersion ?? "" }), enabled: !!viewingVersion });
  const viewed = viewingVersion && version.data ? version.data : null;
  const readOnly = !canEdit || !!viewingVersion;
  const graph = viewed ? viewed.graph : history.present;
  const issues = useMemo(() => validate(graph), [graph]);
  const triggerKind = triggerNodeOf(graph.nodes)?.kind ?? null;
  const autosave = useAutosave({ clientId, flowId: flow.id, graph: history.present, revision: flow.revision, enabled: canEdit });
  const current = useQuery({ ...trpc.flows.get.queryOptions({ clientId, flowId: flow.id }), enabled: autosave.state.kind === "conflict" });
  const edits = useCanvasEdits({ history, readOnly, setSelected });

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
    return toCanvas(history.present, { selected, issues: issueCount, ...pathView(path) });
  }, [history.present, issues, selected, path]);

  const edit = history.set;
  /**
   * A new step: where it was dropped; else after the one selected step (connected, to its right);
   * else in the middle of the visible canvas. Never on top of another. A step the editor placed is
   * scrolled into view; one the person dropped stays where they dropped it and the view stays put
   * (re-centring after a drop near the canvas's edge moved the steps they were about to click).
   */
  const addNode = useCallback(
    (kind: NodeKind, position?: { x: number; y: number }) => {
      const box = canvasRef.current?.getBoundingClientRect();
      if (isTrigger(kind)) {
        // A flow has one trigger: this one takes the place of the one there is (or starts the flow).
        const swapped = setTrigger(history.present, kind, position);
        edit(swapped.graph);
        setSelected(new Set([swapped.id]));
        setTab("step");
        return;
      }
      const only = selected.size === 1 ? history.present.nodes.find((n) => selected.has(n.id)) : undefined;
      let next: FlowGraph;
      if (!position && only) next = addNodeAfter(history.present, kind, only.id);
      else {
        const at = position ?? rf.screenToFlowPosition({ x: (box ? box.left + box.width / 2 : window.innerWidth / 2) - GRAB_OFFSET.x, y: (box ? box.top + box.height / 3 : window.innerHeight / 3) - GRAB_OFFSET.y });
        next = addNodeTo(history.present, kind, at);
      }
      const added = next.nodes[next.nodes.length - 1];
      edit(next);
      setSelected(new Set([added.id]));
      setTab("step");
      if (box && !position) {
        const topLeft = rf.screenToFlowPosition({ x: box.left, y: box.top });
        const bottomRight = rf.screenToFlowPosition({ x: box.right, y: box.bottom });
        const { x, y } = added.position;
        const inView = x >= topLeft.x && y >= topLeft.y && x + NODE_WIDTH <= bottomRight.x && y + nodeHeight(added) <= bottomRight.y;
        if (!inView) void rf.setCenter(x + NODE_WIDTH / 2, y + nodeHeight(added) / 2, { zoom: rf.getZoom(), duration: 200 });
      }
    },
    [edit, rf, history.present, selected],
  );
  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_TYPE);
      if (readOnly || !isNodeKind(kind)) return;
      addNode(kind, rf.screenToFlowPosition({ x: event.clientX - GRAB_OFFSET.x, y: event.clientY - GRAB_OFFSET.y }));
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
      else if (key === "c" && selected.size) clipboard.current = subgraph(history.present, selected);
      else if (key === "v" && clipboard.current?.nodes.length) {
        // The copy lands clear of every step; the next paste goes on from there, so pastes never stack up.
        const { graph: next, pasted } = paste(history.present, offsetCopy(clipboard.current));
        clipboard.current = pasted;
        edit(next);
        setSelected(new Set(pasted.nodes.map((n) => n.id)));
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, history, selected, edit]);

  /** The server's draft replaced ours on purpose: one more step in the history, already saved. */
  const adoptDraft = useCallback(
    (draft: { graph: FlowGraph; revision: number }) => {
      autosave.adopt(draft.graph, draft.revision);
      edit(draft.graph);
    },
    [autosave, edit],
  );

  const selectedNode = graph.nodes.find((n) => selected.has(n.id)) ?? null;
  const errors = issues.filter((i) => i.severity === "error");
  const live = flow.activeVersion;
  const unchangedSinceLive = useMemo(() => !!live && sameGraph(history.present, live.graph), [live, history.present]);
  const publishBlocked = hasErrors(issues)
    ? `Fix ${errors.length} problem${errors.length > 1 ? "s" : ""} first: ${errors[0].message}`
    : autosave.state.kind !== "saved"
      ? "Wait for the draft to save."
      : unchangedSinceLive
        ? `Nothing to publish: the draft is version ${live!.number}, which is live.`
        : null;
  const [overlaps, setOverlaps] = useState<Overlap[]>([]);
  const publish = useMutation(
    trpc.flows.publish.mutationOptions({
      onSuccess: (result) => {
        setOverlaps(result.overlaps);
        void queryClient.invalidateQueries(trpc.flows.versions.queryFilter({ clientId, flowId: flow.id }));
        router.refresh();
      },
    }),
  );

  return (
    <FlowTriggerContext.Provider value={triggerKind ? triggerEventOf(triggerKind) : null}>
    <div className="flex h-[calc(100dvh-3.5rem)] flex-col lg:h-screen">
      <OverlapDialog clientId={clientId} flow={flow} overlaps={overlaps} onClose={() => setOverlaps([])} />
      <EditorHeader
        clientId={clientId}
        flow={flow}
        canEdit={canEdit}
        viewing={viewed ? { number: viewed.number } : null}
        saveState={autosave.state}
        history={history}
        onTidy={() => setTimeout(() => void rf.fitView({ padding: 0.1, duration: 200 }), 50)}
        otherClients={otherClients}
        publishBlocked={publishBlocked}
        publish={publish}
        draftDiffers={!!live && !unchangedSinceLive}
      />

      {autosave.state.kind === "conflict" && (
        <div className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900" role="alert">
          {autosave.state.message}
          <button type="button" className="btn-secondary ml-auto !py-1" disabled={!current.data} onClick={() => current.data && adoptDraft(current.data)}>
            Reload theirs
          </button>
          <button type="button" className="btn-secondary !py-1" disabled={!current.data} onClick={() => current.data && autosave.overwrite(current.data.revision)}>
            Keep mine
          </button>
        </div>
      )}

      {narrowNote && (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="narrow-note">
          Editing needs a wider screen (1024 px or more). On this screen the flow is read-only: you can look at it, try it and see its versions.
        </p>
      )}
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        {canEdit && !viewingVersion && (
          <aside className="w-48 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-3">
            <Palette onAdd={(k) => addNode(k)} trigger={triggerKind} />
          </aside>
        )}
        <div ref={canvasRef} className="relative min-h-[45vh] min-w-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
          {viewingVersion ? (
            viewed && <ReadOnlyFlowCanvas key={viewed.id} graph={viewed.graph} path={path} selectedNodeId={selectedNode?.id ?? null} onSelectNode={(id) => setSelected(new Set(id ? [id] : []))} />
          ) : (
            <FlowCanvas
              nodes={nodes}
              edges={edges}
              {...edits}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              edgesReconnectable={!readOnly}
              connectionRadius={36}
              reconnectRadius={16}
              elevateEdgesOnSelect
              snapToGrid
              snapGrid={[20, 20]}
              deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
            >
              {!readOnly && history.present.nodes.length === 1 && (
                <Panel position="top-center" className="mt-6 max-w-md rounded-xl border border-dashed border-slate-300 bg-white/95 px-5 py-4 text-center text-sm text-slate-600 shadow-sm" data-testid="blank-hint">
                  <p className="font-medium text-slate-900">Start with what happens after {triggerKind && triggerEventOf(triggerKind) === "textReceived" ? "a text comes in" : "a missed call"}</p>
                  <p className="mt-1">Drag a step from the left onto the canvas, then drag from the trigger&apos;s blue dot onto that step to connect them.</p>
                </Panel>
              )}
              {!readOnly && (
                <Panel position="bottom-center" className="rounded-full bg-white/90 px-3 py-1 text-[11px] text-slate-500 shadow-sm ring-1 ring-slate-200">
                  Drag from a dot to the next step · Shift+drag selects several · Ctrl+C, Ctrl+V copy them · Delete removes
                </Panel>
              )}
            </FlowCanvas>
          )}
        </div>
        <aside className="flex max-h-[60vh] w-full shrink-0 flex-col border-t border-slate-200 bg-white lg:max-h-none lg:w-[22rem] lg:border-l lg:border-t-0">
          <nav className="flex border-b border-slate-200 text-sm" aria-label="Editor panels">
            {(["step", "problems", "simulate", "versions"] as Tab[]).map((t) => (
              <button
                key={t}
                type="button"
                onClick={() => setTab(t)}
                aria-pressed={tab === t}
                className={`flex-1 whitespace-nowrap px-2 py-2.5 font-medium ${tab === t ? "border-b-2 border-brand-600 text-brand-700" : "text-slate-500 hover:text-slate-800"}`}
              >
                {tabLabels[t]}
                {t === "problems" && issues.length ? ` (${issues.length})` : ""}
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
                  numbers={numbers}
                  onChange={(patch) => edit((g) => updateNode(g, selectedNode.id, patch))}
                  onDelete={() => edit((g) => removeNodes(g, new Set([selectedNode.id])))}
                />
              ) : (
                <p className="text-sm text-slate-500">Select a step to set it up{canEdit && !viewingVersion ? ", or add one from the left (click or drag)" : ""}.</p>
              ))}
            {tab === "problems" && <IssuesPanel issues={issues} onFocus={focusNode} />}
            {tab === "simulate" && <SimulatorPanel clientId={clientId} flowId={flow.id} graph={graph} onResult={setSimulation} />}
            {tab === "versions" && (
              <VersionsPanel
                clientId={clientId}
                flowId={flow.id}
                canEdit={canEdit}
                viewing={viewingVersion}
                onView={(id) => {
                  setViewingVersion(id);
                  setSelected(new Set());
                }}
                onRestored={(draft) => {
                  setViewingVersion(null);
                  adoptDraft(draft);
                }}
              />
            )}
          </div>
        </aside>
      </div>
    </div>
    </FlowTriggerContext.Provider>
  );
}
