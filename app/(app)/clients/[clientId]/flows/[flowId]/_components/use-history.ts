"use client";

import { useCallback, useMemo, useState } from "react";

type History<T> = { past: T[]; present: T; future: T[] };
const LIMIT = 100;
const resolve = <T,>(next: T | ((c: T) => T), current: T) => (typeof next === "function" ? (next as (c: T) => T)(current) : next);

export type GraphHistory<T> = ReturnType<typeof useHistory<T>>;

/**
 * Undo/redo over immutable values. `set` records a step; `replace` changes the present without one
 * (a node drag records a single step at its end, through `checkpoint`).
 */
export function useHistory<T>(initial: T) {
  const [h, setH] = useState<History<T>>({ past: [], present: initial, future: [] });

  const set = useCallback((next: T | ((current: T) => T)) => {
    setH((s) => {
      const value = resolve(next, s.present);
      return value === s.present ? s : { past: [...s.past.slice(-LIMIT + 1), s.present], present: value, future: [] };
    });
  }, []);
  const replace = useCallback((next: T | ((current: T) => T)) => setH((s) => ({ ...s, present: resolve(next, s.present) })), []);
  const checkpoint = useCallback((snapshot: T) => setH((s) => ({ past: [...s.past.slice(-LIMIT + 1), snapshot], present: s.present, future: [] })), []);
  const undo = useCallback(
    () => setH((s) => (s.past.length ? { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] } : s)),
    [],
  );
  const redo = useCallback(() => setH((s) => (s.future.length ? { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) } : s)), []);
  const { past, present, future } = h;
  return useMemo(
    () => ({ present, set, replace, checkpoint, undo, redo, canUndo: past.length > 0, canRedo: future.length > 0 }),
    [present, past.length, future.length, set, replace, checkpoint, undo, redo],
  );
}
