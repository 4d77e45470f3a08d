"use client";

import { useMutation } from "@tanstack/react-query";
import { Archive } from "lucide-react";
import { useConfirm } from "@/app/_components/dialog";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

export function ArchiveClientButton({ clientId, name }: { clientId: string; name: string }) {
  const trpc = useTRPC();
  const archive = useMutation(
    trpc.clients.archive.mutationOptions({
      // A full load: the sidebar lists clients too and must drop this one.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- router.push keeps the stale layout
      onSuccess: () => window.location.assign("/"),
    }),
  );
  const { confirm, dialog } = useConfirm();
  return (
    <section className="rounded-xl border border-slate-200 px-5 py-4" aria-label="Archive">
      <p className="text-sm text-slate-600">
        Archiving stops {name}&apos;s numbers from starting flows. Its history stays readable, and an agency admin can restore it from the clients page.
      </p>
      {archive.error && <p role="alert" className="mt-2 text-sm text-red-700">{messageOf(archive.error)}</p>}
      <button
        type="button"
        className="btn-secondary mt-3"
        disabled={archive.isPending}
        onClick={async () =>
          (await confirm({ title: `Archive ${name}?`, body: "Calls to its numbers will no longer start flows. Its history stays readable.", confirmLabel: "Archive", danger: true })) &&
          archive.mutate({ clientId })
        }
      >
        <Archive className="h-4 w-4" /> Archive {name}
      </button>
      {dialog}
    </section>
  );
}
