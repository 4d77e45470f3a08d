"use client";

import { useMutation, type UseMutationResult } from "@tanstack/react-query";
import { ArrowLeft, LayoutGrid, Pencil, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
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
  draftDiffers,
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
  publish: UseMutationResult<{ number: number }, unknown, { clientId: string; flowId: string; note: string | null }>;
  /** The draft is not what is live (after edits or a restore). */
  draftDiffers: boolean;
}) {
  const editing = canEdit && !viewing;
  return (
    <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-3 py-3 sm:px-5">
      <Link href={`/clients/${clientId}/flows`} className="btn-ghost" aria-label="Back to flows">
        <ArrowLeft className="h-4 w-4" />
      </Link>
      <div className="min-w-0">
        <FlowName clientId={clientId} flowId={flow.id} name={flow.name} canRename={editing} />
        <p className="text-xs text-slate-500" data-testid="flow-status">
          {viewing
            ? `Viewing version ${viewing.number} (read-only)`
            : flow.activeVersion
              ? `Live: version ${flow.activeVersion.number}${draftDiffers ? " · the draft differs from it" : ""}`
              : "Draft, not published"}
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
          <PublishButton
            blockedReason={publishBlocked}
            pending={publish.isPending}
            error={publish.error}
            published={publish.data?.number ?? null}
            onPublish={(note) => publish.mutate({ clientId, flowId: flow.id, note })}
          />
        )}
      </div>
    </header>
  );
}

/** The flow's name; click the pencil to rename it in place (Enter saves, Escape cancels). */
function FlowName({ clientId, flowId, name, canRename }: { clientId: string; flowId: string; name: string; canRename: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        router.refresh();
      },
    }),
  );
  if (draft === null) {
    return (
      <div className="flex min-w-0 items-center gap-1">
        <h1 className="truncate text-base font-semibold text-slate-900">{rename.variables?.name && rename.isSuccess ? rename.variables.name : name}</h1>
        {canRename && (
          <button type="button" className="btn-ghost !p-1" aria-label="Rename flow" onClick={() => setDraft(name)}>
            <Pencil className="h-3.5 w-3.5" />
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim() === name) setDraft(null);
        else rename.mutate({ clientId, flowId, name: draft });
      }}
    >
      <input
        className="input !py-1"
        aria-label="Flow name"
        value={draft}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setDraft(null);
        }}
      />
      <button type="submit" className="btn-secondary !py-1" disabled={rename.isPending}>
        Save
      </button>
      {rename.error ? <span className="text-xs text-red-600">{messageOf(rename.error)}</span> : null}
    </form>
  );
}
