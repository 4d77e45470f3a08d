export { FlowCanvas, ReadOnlyFlowCanvas } from "./flow-canvas";
export { FlowNodeComponent, type CanvasNode, type CanvasNodeData } from "./flow-node";
export { categoryStyle, icons } from "./node-visuals";
export { NODE_WIDTH, nodeHeight, pathView, toCanvas, type CanvasView } from "./projection";
