"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";

/** Something broke while showing a page: say so plainly, offer to try again or go back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4 py-16">
      <div className="card w-full max-w-md p-8 text-center" role="alert">
        <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-xl bg-red-50 text-red-600">
          <TriangleAlert className="h-6 w-6" />
        </span>
        <h1 className="mt-4 text-xl font-semibold text-slate-900">This page could not be shown</h1>
        <p className="mt-2 text-sm text-slate-500">
          Something went wrong on our side. Try again; if it keeps happening, tell your agency{error.digest ? ` and quote “${error.digest}”` : ""}.
        </p>
        <div className="mt-6 flex justify-center gap-2">
          <button type="button" className="btn-primary" onClick={reset}>
            Try again
          </button>
          <Link href="/" className="btn-secondary">
            Back to the start
          </Link>
        </div>
      </div>
    </div>
  );
}
