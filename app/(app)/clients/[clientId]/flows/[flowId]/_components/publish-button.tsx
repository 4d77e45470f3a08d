"use client";

import { Rocket } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { messageOf } from "@/app/_components/field-errors";
import { useDismiss } from "@/app/_components/use-dismiss";

/**
 * Publish with a note. Disabled while the flow has problems or unsaved edits, and then says why in
 * plain sight; "Publishing…" while it runs, and the result (the version now live, or the error) after.
 */
export function PublishButton({
  blockedReason,
  pending,
  error,
  published,
  onPublish,
}: {
  blockedReason: string | null;
  pending: boolean;
  error: unknown;
  published: number | null;
  onPublish: (note: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const button = useRef<HTMLSpanElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, [button, form]);
  return (
    <div className="relative flex items-center gap-3">
      {blockedReason && !pending && (
        <p className="hidden max-w-72 text-right text-xs text-amber-800 md:block" data-testid="publish-blocked" title={blockedReason}>
          {blockedReason}
        </p>
      )}
      {!blockedReason && !pending && published !== null && !error && (
        <p className="hidden text-xs font-medium text-emerald-700 md:block" role="status" data-testid="publish-result">
          Published: version {published} is live.
        </p>
      )}
      <span ref={button} title={blockedReason ?? undefined}>
        <button type="button" className="btn-primary" disabled={!!blockedReason || pending} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          <Rocket className="h-4 w-4" /> {pending ? "Publishing…" : "Publish"}
        </button>
      </span>
      {open && !blockedReason && (
        <form
          ref={form}
          className="card absolute right-0 top-12 z-20 w-80 max-w-[calc(100vw-2rem)] space-y-3 p-4"
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
      {error ? (
        <p className="absolute right-0 top-12 z-20 w-80 rounded-lg bg-red-50 p-2 text-xs text-red-700" role="alert">
          Not published: {messageOf(error)}
        </p>
      ) : null}
    </div>
  );
}
