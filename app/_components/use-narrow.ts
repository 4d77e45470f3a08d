"use client";

import { useSyncExternalStore } from "react";

const query = "(max-width: 1023.98px)";
const subscribe = (onChange: () => void) => {
  const list = window.matchMedia(query);
  list.addEventListener("change", onChange);
  return () => list.removeEventListener("change", onChange);
};

/** True below 1024 px (the width where the sidebar becomes a menu and the editor turns read-only). */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}
