"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { FlowGraph } from "@/server/flows/model";

export type SaveState = { kind: "saved" } | { kind: "saving" } | { kind: "dirty" } | { kind: "conflict"; message: string } | { kind: "error"; message: string };

/**
 * Saves the draft a moment after the last edit, naming the revision it started from. Saves run one
 * at a time and always save the newest graph, so this editor never conflicts with itself; if
 * someone else saved in between, nothing is overwritten: the editor shows the conflict and lets the
 * person choose.
 */
export function useAutosave(options: { clientId: string; flowId: string; graph: FlowGraph; revision: number; enabled: boolean }) {
  const trpc = useTRPC();
  const [state, setState] = useState<SaveState>({ kind: "saved" });
  const revision = useRef(options.revision);
  const lastSaved = useRef(options.graph);
  const latest = useRef(options.graph);
  const running = useRef(false);
  const conflicted = useRef(false);
  const save = useMutation(trpc.flows.saveDraft.mutationOptions());

  async function flush() {
    if (running.current || conflicted.current) return;
    running.current = true;
    try {
      while (latest.current !== lastSaved.current && !conflicted.current) {
        const graph = latest.current;
        setState({ kind: "saving" });
        try {
          const result = await save.mutateAsync({ clientId: options.clientId, flowId: options.flowId, graph, baseRevision: revision.current });
          revision.current = result.revision;
          lastSaved.current = graph;
        } catch (error) {
          if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
            conflicted.current = true;
            setState({ kind: "conflict", message: error.message });
          } else setState({ kind: "error", message: error instanceof Error ? error.message : "Could not save" });
          return;
        }
      }
      setState({ kind: "saved" });
    } finally {
      running.current = false;
    }
  }

  useEffect(() => {
    latest.current = options.graph;
    if (!options.enabled || conflicted.current) return;
    if (options.graph === lastSaved.current) {
      if (!running.current) setState({ kind: "saved" });
      return;
    }
    setState({ kind: "dirty" });
    const timer = setTimeout(() => void flush(), 800);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saving is keyed on the graph only
  }, [options.graph, options.enabled]);

  return {
    state,
    /**
     * The server's draft changed under us on purpose (a version restored, their version reloaded):
     * take it as the saved state, so the editor neither saves it back nor conflicts with it.
     */
    adopt(graph: FlowGraph, currentRevision: number) {
      revision.current = currentRevision;
      lastSaved.current = graph;
      latest.current = graph;
      conflicted.current = false;
      setState({ kind: "saved" });
    },
    /** Keep this editor's version: save it over the other one. */
    async overwrite(currentRevision: number) {
      revision.current = currentRevision;
      conflicted.current = false;
      lastSaved.current = { nodes: [], edges: [] };
      await flush();
    },
  };
}
