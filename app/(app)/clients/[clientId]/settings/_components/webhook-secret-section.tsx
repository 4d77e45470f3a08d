"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Section } from "@/app/_components/field";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

/**
 * The secret "Send to a webhook" steps sign with (X-Ringback-Signature). Hidden until asked for;
 * rotating replaces it at once, so every receiver must be given the new one.
 */
export function WebhookSecretSection({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secret = useQuery({ ...trpc.clients.webhookSecret.queryOptions({ clientId }), enabled: shown });
  const rotate = useMutation(
    trpc.clients.rotateWebhookSecret.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.clients.webhookSecret.queryKey({ clientId }), data);
        setShown(true);
        setConfirming(false);
      },
    }),
  );
  return (
    <Section
      title="Webhook signing secret"
      description="“Send to a webhook” steps sign every request with this secret in the X-Ringback-Signature header: give it to your CRM, Zapier or Make so they can check a request really came from Ringback."
    >
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <code data-testid="webhook-secret" className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800">
            {shown ? (secret.data?.secret ?? "Loading…") : "whsec_••••••••••••••••"}
          </code>
          <button type="button" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50" onClick={() => setShown((s) => !s)}>
            {shown ? "Hide" : "Show secret"}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
                disabled={rotate.isPending}
                onClick={() => rotate.mutate({ clientId })}
              >
                Replace it now
              </button>
              <button type="button" className="px-2 py-2 text-sm text-slate-600" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50" onClick={() => setConfirming(true)}>
              Make a new secret
            </button>
          )}
        </div>
        {confirming && <p className="text-sm text-amber-700">Receivers still checking the old secret will reject requests until they are given the new one.</p>}
        {(secret.error || rotate.error) && <p className="text-sm text-red-600">{messageOf(secret.error ?? rotate.error)}</p>}
      </div>
    </Section>
  );
}
