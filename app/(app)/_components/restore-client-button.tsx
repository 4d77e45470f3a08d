"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

export function RestoreClientButton({ clientId, name }: { clientId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const restore = useMutation(trpc.clients.restore.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="flex items-center gap-2">
      {restore.error && <span className="text-xs text-red-600">{messageOf(restore.error)}</span>}
      <button type="button" className="btn-secondary" disabled={restore.isPending} onClick={() => restore.mutate({ clientId })} aria-label={`Restore ${name}`}>
        Restore
      </button>
    </span>
  );
}
