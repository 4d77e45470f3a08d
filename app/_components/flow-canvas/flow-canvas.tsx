"use client";

import "@xyflow/react/dist/style.css";
import "./flow-canvas.css";
import { Background, Controls, MiniMap, ReactFlow, type Edge, type ReactFlowProps } from "@xyflow/react";
import { useMemo } from "react";
import type { FlowGraph } from "@/server/flows/model";
import { FlowNodeComponent, type CanvasNode } from "./flow-node";
import { pathView, toCanvas } from "./projection";
import { ReadableView } from "./readable-view";

const nodeTypes = { flow: FlowNodeComponent };

/**
 * From this many steps on, only the steps and connections in view are drawn (React Flow's
 * onlyRenderVisibleElements): a 300-step flow then opens and pans like a small one. Smaller flows
 * keep every step in the page, so keyboard and screen-reader users can reach all of them.
 */
export const LARGE_FLOW_STEPS = 80;

/** The React Flow surface every flow is drawn on: same nodes, background, minimap and controls. */
export function FlowCanvas({ children, minimap = true, ...props }: ReactFlowProps<CanvasNode, Edge> & { minimap?: boolean }) {
  return (
    <ReactFlow<CanvasNode, Edge>
      nodeTypes={nodeTypes}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      onlyRenderVisibleElements={(props.nodes?.length ?? 0) >= LARGE_FLOW_STEPS}
      {...props}
    >
      <ReadableView />
      <Background gap={20} color="#e2e8f0" />
      {minimap && <MiniMap pannable zoomable nodeColor={(n) => ((n.data as CanvasNode["data"]).current ? "#7c3aed" : (n.data as CanvasNode["data"]).onPath ? "#10b981" : "#94a3b8")} className="!rounded-lg !border !border-slate-200 max-lg:!hidden" />}
      <Controls showInteractive={false} />
      {children}
    </ReactFlow>
  );
}

/**
 * A flow to look at, not to change: a published version, or the version a run is pinned to with
 * the path it took lit up and the node it waits at marked. Clicking a node selects it.
 */
export function ReadOnlyFlowCanvas({
  graph,
  path = [],
  current = null,
  selectedNodeId = null,
  onSelectNode,
  minimap = true,
}: {
  graph: FlowGraph;
  path?: readonly { nodeId: string; handle: string | null }[];
  current?: string | null;
  selectedNodeId?: string | null;
  onSelectNode?: (nodeId: string | null) => void;
  minimap?: boolean;
}) {
  const { nodes, edges } = useMemo(
    () => toCanvas(graph, { ...pathView(path), current, selected: new Set(selectedNodeId ? [selectedNodeId] : []), dimOffPath: path.length > 0 }),
    [graph, path, current, selectedNodeId],
  );
  return (
    <FlowCanvas
      nodes={nodes}
      edges={edges}
      minimap={minimap}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesReconnectable={false}
      elementsSelectable={!!onSelectNode}
      deleteKeyCode={null}
      onNodeClick={onSelectNode ? (_, n) => onSelectNode(n.id === selectedNodeId ? null : n.id) : undefined}
      onPaneClick={onSelectNode ? () => onSelectNode(null) : undefined}
    />
  );
}
