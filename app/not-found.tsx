import { PhoneIncoming } from "lucide-react";
import Link from "next/link";

export const metadata = { title: "Not found" };

/** Any page that is not there, or not yours to see (another business's pages answer the same). */
export default function NotFound() {
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4 py-16">
      <div className="card w-full max-w-md p-8 text-center">
        <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-xl bg-brand-600 text-white">
          <PhoneIncoming className="h-6 w-6" />
        </span>
        <p className="mt-4 text-sm font-medium text-brand-700">404</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">This page isn&apos;t here</h1>
        <p className="mt-2 text-sm text-slate-500">The link may be old, or the page belongs to a business you can&apos;t see with this account.</p>
        <Link href="/" className="btn-primary mt-6">
          Back to Ringback
        </Link>
      </div>
    </main>
  );
}
