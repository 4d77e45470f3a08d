import { z } from "zod";
import { FlowGraph } from "../../../flows/model";
import { SimulationScenario } from "../../../flows/simulate";

const FlowName = z.string().trim().min(1, "Give the flow a name").max(80, "Keep the name under 80 characters");

export const FlowIdInput = z.object({ flowId: z.string().min(1) });
export const CreateFlowInput = z.object({ name: FlowName, starter: z.enum(["text-back", "business-hours", "full-follow-up", "texted-first"]).nullable() });
export const RenameFlowInput = z.object({ flowId: z.string().min(1), name: FlowName });
export const SaveDraftInput = z.object({ flowId: z.string().min(1), graph: FlowGraph, baseRevision: z.number().int().min(0) });
export const PublishFlowInput = z.object({ flowId: z.string().min(1), note: z.string().trim().max(280).nullable() });
export const SetFlowOrderInput = z.object({ flowIds: z.array(z.string().min(1)).min(1, "Name at least one flow").max(200) });
export const VersionIdInput = z.object({ versionId: z.string().min(1) });
export const CopyFlowInput = z.object({ flowId: z.string().min(1), targetClientIds: z.array(z.string().min(1)).min(1, "Choose at least one business") });
export const SimulateFlowInput = z.object({
  flowId: z.string().min(1),
  versionId: z.string().nullable().default(null),
  /** The editor's unsaved graph, so the simulator shows what is on screen. */
  graph: FlowGraph.nullable().default(null),
  scenario: SimulationScenario,
});
