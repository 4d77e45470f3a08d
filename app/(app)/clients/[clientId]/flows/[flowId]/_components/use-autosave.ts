"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { FlowGraph } from "@/server/flows/model";

export type SaveState = { kind: "saved" } | { kind: "saving" } | { kind: "dirty" } | { kind: "conflict"; message: string } | { kind: "error"; message: string };

/**
 * Saves the draft a moment after the last edit, naming the revision it started from. If someone
 * else saved in between, nothing is overwritten: the editor shows the conflict and lets the
 * person choose.
 */
export function useAutosave(options: { clientId: string; flowId: string; graph: FlowGraph; revision: number; enabled: boolean }) {
  const trpc = useTRPC();
  const [state, setState] = useState<SaveState>({ kind: "saved" });
  const revision = useRef(options.revision);
  const lastSaved = useRef(options.graph);
  const save = useMutation(trpc.flows.saveDraft.mutationOptions());

  useEffect(() => {
    if (!options.enabled || options.graph === lastSaved.current || state.kind === "conflict") return;
    setState({ kind: "dirty" });
    const timer = setTimeout(async () => {
      setState({ kind: "saving" });
      try {
        const graph = options.graph;
        const result = await save.mutateAsync({ clientId: options.clientId, flowId: options.flowId, graph, baseRevision: revision.current });
        revision.current = result.revision;
        lastSaved.current = graph;
        setState({ kind: "saved" });
      } catch (error) {
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") setState({ kind: "conflict", message: error.message });
        else setState({ kind: "error", message: error instanceof Error ? error.message : "Could not save" });
      }
    }, 800);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saving is keyed on the graph only
  }, [options.graph, options.enabled]);

  return {
    state,
    /** Keep this editor's version: save it over the other one. */
    async overwrite(currentRevision: number) {
      setState({ kind: "saving" });
      try {
        const result = await save.mutateAsync({ clientId: options.clientId, flowId: options.flowId, graph: options.graph, baseRevision: currentRevision });
        revision.current = result.revision;
        lastSaved.current = options.graph;
        setState({ kind: "saved" });
      } catch (error) {
        setState({ kind: "error", message: error instanceof Error ? error.message : "Could not save" });
      }
    },
    /** Take the server's version (after a reload). */
    reset(graph: FlowGraph, newRevision: number) {
      revision.current = newRevision;
      lastSaved.current = graph;
      setState({ kind: "saved" });
    },
  };
}
