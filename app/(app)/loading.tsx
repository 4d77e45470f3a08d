/** Shown at once while a page's data loads (instead of the old page sitting still). */
export default function Loading() {
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
