"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { BusinessTime } from "@/app/_components/business-time";
import { Section } from "@/app/_components/field";
import { messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";

/**
 * US texting (A2P 10DLC): the Messaging Service whose approved campaign covers this business's
 * texts, picked from the Twilio account's services, with the campaign status read from Twilio.
 */
export function A2pSection({ clientId, warning }: { clientId: string; warning: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const services = useQuery(trpc.numbers.messagingServices.queryOptions({ clientId }));
  const [picked, setPicked] = useState<string | null>(null);
  const done = () => {
    void services.refetch();
    router.refresh();
  };
  const choose = useMutation(trpc.numbers.chooseMessagingService.mutationOptions({ onSuccess: done }));
  const refresh = useMutation(trpc.numbers.refreshA2p.mutationOptions({ onSuccess: done }));
  const chosen = services.data?.chosen ?? null;
  const value = picked ?? chosen ?? "";
  const error = services.error ?? choose.error ?? refresh.error;
  return (
    <Section
      title="Texting in the US (A2P 10DLC)"
      description="US carriers filter texts from 10-digit numbers unless an approved A2P campaign covers them. The campaign is registered on a Twilio Messaging Service: pick the one for this business, and texts go through it from this business's number."
    >
      <div className="space-y-3" aria-label="A2P 10DLC">
        {warning ? (
          <p className="flex items-start gap-2 text-sm text-amber-800" role="status" data-testid="a2p-status">
            <CircleAlert className="mt-0.5 h-4 w-4 shrink-0" /> {warning}.
          </p>
        ) : chosen ? (
          <p className="flex items-center gap-2 text-sm text-emerald-700" role="status" data-testid="a2p-status">
            <CircleCheck className="h-4 w-4" /> A2P campaign approved (VERIFIED): texts to US numbers are not filtered for it.
          </p>
        ) : null}
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Messaging Service</span>
            <select className="input mt-1 w-80" value={value} onChange={(e) => setPicked(e.target.value)} disabled={!services.data} aria-label="Messaging Service">
              <option value="">None (send from the number; not for US texting)</option>
              {services.data?.services.map((s) => (
                <option key={s.sid} value={s.sid}>
                  {s.friendlyName} · {s.sid}
                  {s.a2pRegistered ? "" : " (no A2P campaign)"}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn-primary"
            disabled={choose.isPending || value === (chosen ?? "")}
            onClick={() => choose.mutate({ clientId, messagingServiceSid: value || null }, { onSuccess: () => setPicked(null) })}
          >
            {choose.isPending ? "Saving…" : "Use this service"}
          </button>
          {chosen && (
            <button type="button" className="btn-secondary inline-flex items-center gap-1" disabled={refresh.isPending} onClick={() => refresh.mutate({ clientId })}>
              <RefreshCw className="h-4 w-4" /> {refresh.isPending ? "Reading…" : "Refresh status from Twilio"}
            </button>
          )}
        </div>
        {chosen && services.data && (
          <p className="text-xs text-slate-500">
            Campaign status as last read: <span className="font-mono">{services.data.campaignStatus ?? "not read"}</span>
            {services.data.checkedAt && <> · <BusinessTime at={services.data.checkedAt} /></>}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {messageOf(error)}
          </p>
        )}
      </div>
    </Section>
  );
}
