/**
 * Shown at once while a page's data loads (instead of the old page sitting still): each page's
 * `loading.tsx`. Only pages that every role able to open their client may see have one: below a
 * loading boundary the response has already begun, so a page's own "not found" could no longer
 * answer 404 (access to the client itself is checked above it, in the client layout).
 */
export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" data-skeleton>
      <div className="border-b border-slate-200 bg-white px-4 py-6 sm:px-8">
        <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
        <div className="mt-2 h-4 w-80 max-w-full animate-pulse rounded bg-slate-100" />
      </div>
      <div className="space-y-3 p-4 sm:p-8">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="card h-14 animate-pulse bg-white" />
        ))}
      </div>
    </div>
  );
}
