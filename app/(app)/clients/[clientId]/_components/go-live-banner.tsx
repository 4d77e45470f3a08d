"use client";

import { ListChecks } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * Until a client is live, its pages say so and link to the checklist. Not on the checklist itself,
 * and not in the flow editor, whose canvas needs the whole height.
 */
export function GoLiveBanner({ clientId, done, total }: { clientId: string; done: number; total: number }) {
  const pathname = usePathname();
  if (pathname.endsWith("/setup") || /\/flows\/[^/]+/.test(pathname)) return null;
  return (
    <div className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-8 py-2 text-sm text-amber-900" role="note" aria-label="Not live yet">
      <ListChecks className="h-4 w-4" />
      Not live yet: {done} of {total} go-live steps done.
      <Link href={`/clients/${clientId}/setup`} className="font-medium underline">
        Open the checklist
      </Link>
    </div>
  );
}
