"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { ArrowLeft, LayoutGrid, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import type { FlowGraph } from "@/server/flows/model";
import { autoLayout } from "./auto-layout";
import { CopyToClients } from "./copy-to-clients";
import { PublishButton } from "./publish-button";
import type { SaveState } from "./use-autosave";
import type { GraphHistory } from "./use-history";

const saveLabels: Record<SaveState["kind"], string> = { saved: "All changes saved", saving: "Saving…", dirty: "Unsaved changes", conflict: "Not saved: conflict", error: "Not saved" };

/** The editor's top bar: where you are, whether it is saved, undo/redo, tidy up, copy, publish. */
export function EditorHeader({
  clientId,
  flow,
  canEdit,
  viewing,
  saveState,
  history,
  onTidy,
  otherClients,
  publishBlocked,
  publish,
}: {
  clientId: string;
  flow: { id: string; name: string; activeVersion: { number: number } | null };
  canEdit: boolean;
  viewing: { number: number } | null;
  saveState: SaveState;
  history: GraphHistory<FlowGraph>;
  onTidy: () => void;
  otherClients: { id: string; name: string }[];
  publishBlocked: string | null;
  publish: UseMutationResult<unknown, unknown, { clientId: string; flowId: string; note: string | null }>;
}) {
  const editing = canEdit && !viewing;
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-5 py-3">
      <Link href={`/clients/${clientId}/flows`} className="btn-ghost" aria-label="Back to flows">
        <ArrowLeft className="h-4 w-4" />
      </Link>
      <div className="min-w-0">
        <h1 className="truncate text-base font-semibold text-slate-900">{flow.name}</h1>
        <p className="text-xs text-slate-500" data-testid="flow-status">
          {viewing ? `Viewing version ${viewing.number} (read-only)` : flow.activeVersion ? `Live: version ${flow.activeVersion.number}` : "Draft, not published"}
          {editing && (
            <>
              {" · "}
              <span data-testid="save-state" className={saveState.kind === "conflict" || saveState.kind === "error" ? "text-red-600" : undefined}>
                {saveLabels[saveState.kind]}
              </span>
            </>
          )}
          {!canEdit && " · read-only"}
        </p>
      </div>
      <div className="ml-auto flex items-center gap-2">
        {editing && (
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
                history.set((g) => autoLayout(g));
                onTidy();
              }}
            >
              <LayoutGrid className="h-4 w-4" /> Tidy up
            </button>
          </>
        )}
        {otherClients.length > 0 && <CopyToClients clientId={clientId} flowId={flow.id} clients={otherClients} />}
        {editing && (
          <PublishButton blockedReason={publishBlocked} pending={publish.isPending} error={publish.error} onPublish={(note) => publish.mutate({ clientId, flowId: flow.id, note })} />
        )}
      </div>
    </header>
  );
}
