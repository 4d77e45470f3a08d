"use client";

import { CircleAlert, TriangleAlert } from "lucide-react";
import type { Issue } from "@/server/flows/engine";

/** Every problem validate() found; clicking one takes you to its node. */
export function IssuesPanel({ issues, onFocus }: { issues: Issue[]; onFocus: (nodeId: string) => void }) {
  if (issues.length === 0) return <p className="text-sm text-emerald-700">No problems: this flow can be published.</p>;
  return (
    <ul className="space-y-1.5" aria-label="Problems">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${issue.nodeId}-${i}`}>
          <button
            type="button"
            disabled={!issue.nodeId}
            onClick={() => issue.nodeId && onFocus(issue.nodeId)}
            className={`flex w-full items-start gap-2 rounded-lg px-2.5 py-2 text-left text-sm ${
              issue.severity === "error" ? "bg-red-50 text-red-800 hover:bg-red-100" : "bg-amber-50 text-amber-900 hover:bg-amber-100"
            }`}
          >
            {issue.severity === "error" ? <CircleAlert className="mt-0.5 h-4 w-4 shrink-0" /> : <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" />}
            {issue.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
