import {
  archiveFlow,
  copyFlowToClients,
  createFlow,
  duplicateFlow,
  getFlow,
  getVersion,
  listFlows,
  listVersions,
  publishFlow,
  renameFlow,
  restoreVersion,
  saveDraft,
  setFlowOrder,
} from "../../../flows/flow-service";
import { starterFlows } from "../../../flows/model";
import { simulateFlow } from "../../../flows/simulate-service";
import { clientProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import { CopyFlowInput, CreateFlowInput, FlowIdInput, PublishFlowInput, RenameFlowInput, SaveDraftInput, SetFlowOrderInput, SimulateFlowInput, VersionIdInput } from "./schemas";

export const flowsRouter = createTRPCRouter({
  starters: protectedProcedure.query(() => starterFlows().map(({ id, name, description, graph }) => ({ id, name, description, graph }))),
  list: clientProcedure("viewClient").query(({ ctx }) => listFlows({ clientId: ctx.access.clientId })),
  get: clientProcedure("viewClient")
    .input(FlowIdInput)
    .query(({ ctx, input }) => getFlow({ clientId: ctx.access.clientId, flowId: input.flowId })),
  create: clientProcedure("editFlows")
    .input(CreateFlowInput)
    .mutation(({ ctx, input }) => createFlow({ clientId: ctx.access.clientId, name: input.name, starter: input.starter, actorId: ctx.userId })),
  rename: clientProcedure("editFlows")
    .input(RenameFlowInput)
    .mutation(({ ctx, input }) => renameFlow({ clientId: ctx.access.clientId, flowId: input.flowId, name: input.name })),
  duplicate: clientProcedure("editFlows")
    .input(FlowIdInput)
    .mutation(({ ctx, input }) => duplicateFlow({ clientId: ctx.access.clientId, flowId: input.flowId, actorId: ctx.userId })),
  archive: clientProcedure("editFlows")
    .input(FlowIdInput)
    .mutation(({ ctx, input }) => archiveFlow({ clientId: ctx.access.clientId, flowId: input.flowId, actorId: ctx.userId })),
  saveDraft: clientProcedure("editFlows")
    .input(SaveDraftInput)
    .mutation(({ ctx, input }) =>
      saveDraft({ clientId: ctx.access.clientId, flowId: input.flowId, graph: input.graph, baseRevision: input.baseRevision, actorId: ctx.userId }),
    ),
  publish: clientProcedure("editFlows")
    .input(PublishFlowInput)
    .mutation(({ ctx, input }) => publishFlow({ clientId: ctx.access.clientId, flowId: input.flowId, note: input.note, actorId: ctx.userId })),
  /** Which live flow answers a call first: the given flows first, in that order. */
  setOrder: clientProcedure("editFlows")
    .input(SetFlowOrderInput)
    .mutation(({ ctx, input }) => setFlowOrder({ clientId: ctx.access.clientId, flowIds: input.flowIds, actorId: ctx.userId })),
  versions: clientProcedure("viewClient")
    .input(FlowIdInput)
    .query(({ ctx, input }) => listVersions({ clientId: ctx.access.clientId, flowId: input.flowId })),
  version: clientProcedure("viewClient")
    .input(VersionIdInput)
    .query(({ ctx, input }) => getVersion({ clientId: ctx.access.clientId, versionId: input.versionId })),
  restore: clientProcedure("editFlows")
    .input(VersionIdInput)
    .mutation(({ ctx, input }) => restoreVersion({ clientId: ctx.access.clientId, versionId: input.versionId, actorId: ctx.userId })),
  /** "What would this flow do if…" — runs the engine against a scenario; writes and sends nothing. */
  simulate: clientProcedure("viewClient")
    .input(SimulateFlowInput)
    .mutation(({ ctx, input }) =>
      simulateFlow({ clientId: ctx.access.clientId, flowId: input.flowId, versionId: input.versionId, graph: input.graph, scenario: input.scenario }),
    ),
  copyToClients: clientProcedure("editFlows")
    .input(CopyFlowInput)
    .mutation(({ ctx, input }) =>
      copyFlowToClients({ viewer: ctx.viewer, clientId: ctx.access.clientId, flowId: input.flowId, targetClientIds: input.targetClientIds, actorId: ctx.userId }),
    ),
});
