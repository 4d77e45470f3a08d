"use client";

import { Rocket } from "lucide-react";
import { useState } from "react";
import { messageOf } from "@/app/_components/field-errors";

/** Publish with a note. Disabled, and saying why, while the flow has problems or unsaved edits. */
export function PublishButton({ blockedReason, pending, error, onPublish }: { blockedReason: string | null; pending: boolean; error: unknown; onPublish: (note: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  return (
    <div className="relative">
      <span title={blockedReason ?? undefined}>
        <button type="button" className="btn-primary" disabled={!!blockedReason || pending} onClick={() => setOpen((o) => !o)}>
          <Rocket className="h-4 w-4" /> Publish
        </button>
      </span>
      {blockedReason && <p className="sr-only" data-testid="publish-blocked">{blockedReason}</p>}
      {open && !blockedReason && (
        <form
          className="card absolute right-0 top-12 z-20 w-80 space-y-3 p-4"
          aria-label="Publish"
          onSubmit={(e) => {
            e.preventDefault();
            onPublish(note.trim() || null);
            setOpen(false);
            setNote("");
          }}
        >
          <label className="block text-sm">
            <span className="font-medium text-slate-700">What changed? (optional)</span>
            <input className="input mt-1" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Shorter after-hours text" autoFocus />
          </label>
          <p className="text-xs text-slate-500">New calls use the new version at once; runs in progress finish on the version they started with.</p>
          <button type="submit" className="btn-primary w-full">
            Publish version
          </button>
        </form>
      )}
      {error ? <p className="absolute right-0 top-12 w-80 rounded-lg bg-red-50 p-2 text-xs text-red-700">{messageOf(error)}</p> : null}
    </div>
  );
}
