"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A modal dialog on the browser's own `<dialog>`: it takes focus, keeps it inside, closes with Escape
 * and with a click outside its box, and gives focus back to whatever opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  className = "w-[28rem]",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      className={`card m-auto max-w-[calc(100vw-2rem)] p-0 backdrop:bg-slate-900/40 ${className}`}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // A click on the backdrop lands on the <dialog> itself, outside its padded box.
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const r = e.currentTarget.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose();
      }}
    >
      {open && (
        <div className="p-5">
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          <div className="mt-3">{children}</div>
        </div>
      )}
    </dialog>
  );
}

interface ConfirmOptions {
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

/** A replacement for `window.confirm()`: `await confirm({...})` resolves true only when the person confirms. */
export function useConfirm() {
  const [pending, setPending] = useState<(ConfirmOptions & { resolve: (ok: boolean) => void }) | null>(null);
  const confirm = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })), []);
  const answer = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const dialog = (
    <Dialog open={!!pending} onClose={() => answer(false)} title={pending?.title ?? ""}>
      <div className="text-sm text-slate-600">{pending?.body}</div>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={() => answer(false)}>
          Cancel
        </button>
        <button type="button" className={pending?.danger ? "btn-danger" : "btn-primary"} onClick={() => answer(true)} autoFocus>
          {pending?.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
  return { confirm, dialog };
}
