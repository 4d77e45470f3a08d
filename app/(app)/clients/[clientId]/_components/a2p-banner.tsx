"use client";

import { MessageSquareWarning } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * While US carriers filter this business's texts (no approved A2P campaign), every page of the
 * client says so plainly, with where to fix it. Not in the flow editor, whose canvas needs the height.
 */
export function A2pBanner({ clientId, warning }: { clientId: string; warning: string }) {
  const pathname = usePathname();
  if (/\/flows\/[^/]+/.test(pathname)) return null;
  return (
    <div className="flex items-center gap-2 border-b border-rose-200 bg-rose-50 px-8 py-2 text-sm text-rose-900" role="note" aria-label="Texts filtered">
      <MessageSquareWarning className="h-4 w-4 shrink-0" />
      <span>{warning}.</span>
      {!pathname.endsWith("/numbers") && (
        <Link href={`/clients/${clientId}/numbers`} className="font-medium whitespace-nowrap underline">
          Choose the Messaging Service
        </Link>
      )}
    </div>
  );
}
