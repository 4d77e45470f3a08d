"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Search, ShoppingCart, Link2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, Section } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";
import { forwardingCodes, tenDigits } from "@/server/numbers/forwarding-codes";

type Mode = "dial" | "forwarded";

/** Add a number: how calls reach it (ring the business first, or keep its line), then buy one or take over one. */
export function AddNumberWizard({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("dial");
  const [line, setLine] = useState("");
  const [ring, setRing] = useState(20);
  const [voicemail, setVoicemail] = useState(true);
  const [source, setSource] = useState<"buy" | "existing">("buy");
  const [areaCode, setAreaCode] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const [added, setAdded] = useState<{ e164: string; mode: Mode } | null>(null);

  const setup = mode === "dial" ? { mode, forwardTo: line, ringTimeoutSeconds: ring, voicemailEnabled: voicemail } : { mode, businessLine: line, voicemailEnabled: voicemail };
  const search = useQuery({ ...trpc.numbers.search.queryOptions({ clientId, areaCode: searched ?? "" }), enabled: searched !== null, retry: false });
  const account = useQuery({ ...trpc.numbers.account.queryOptions({ clientId }), enabled: source === "existing", retry: false });
  const done = (n: { e164: string; mode: Mode }) => {
    setAdded({ e164: n.e164, mode: n.mode });
    router.refresh();
    // What was just bought or taken over is no longer on offer.
    if (searched !== null) void search.refetch();
    if (source === "existing") void account.refetch();
  };
  const buy = useMutation(trpc.numbers.buy.mutationOptions({ onSuccess: done }));
  const takeOver = useMutation(trpc.numbers.takeOver.mutationOptions({ onSuccess: done }));
  const errors = { ...fieldErrorsOf(buy.error), ...fieldErrorsOf(takeOver.error) };
  const lineErrors = [...(errors["setup.forwardTo"] ?? []), ...(errors["setup.businessLine"] ?? [])];
  const actionError = buy.error ?? takeOver.error;

  return (
    <Section title="Add a number" description="The app buys or configures it in Twilio: voice, call-status and messaging webhooks, with retry settings.">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">1. How do calls reach Ringback?</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <ModeCard checked={mode === "dial"} onSelect={() => setMode("dial")} title="Ring the business first" text="Callers dial the Ringback number; it rings the business's phone, and an unanswered call is texted back." />
          <ModeCard checked={mode === "forwarded"} onSelect={() => setMode("forwarded")} title="Keep the existing line" text="Callers keep dialing the business's number; the business forwards unanswered calls to Ringback, which texts them back." />
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={mode === "dial" ? "Business phone to ring" : "The business's existing line"} errors={lineErrors} className="sm:col-span-2">
          <input className="input" value={line} onChange={(e) => setLine(e.target.value)} placeholder="(415) 555-0123" />
        </Field>
        {mode === "dial" && (
          <Field label="Ring for (seconds)" errors={errors["setup.ringTimeoutSeconds"]}>
            <input className="input" type="number" min={5} max={60} value={ring} onChange={(e) => setRing(Number(e.target.value))} />
          </Field>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={voicemail} onChange={(e) => setVoicemail(e.target.checked)} /> Take a voicemail before texting back
      </label>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">2. Which number?</legend>
        <div className="mt-2 flex gap-2" role="tablist">
          <button type="button" role="tab" aria-selected={source === "buy"} className={source === "buy" ? "btn-primary" : "btn-secondary"} onClick={() => setSource("buy")}>
            <ShoppingCart className="h-4 w-4" /> Buy a new number
          </button>
          <button type="button" role="tab" aria-selected={source === "existing"} className={source === "existing" ? "btn-primary" : "btn-secondary"} onClick={() => setSource("existing")}>
            <Link2 className="h-4 w-4" /> Use one the agency has in Twilio
          </button>
        </div>
      </fieldset>

      {source === "buy" && (
        <div className="space-y-3">
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              setSearched(areaCode.trim());
            }}
          >
            <Field label="Area code" errors={search.error ? [messageOf(search.error)] : undefined}>
              <input className="input w-32" inputMode="numeric" maxLength={3} value={areaCode} onChange={(e) => setAreaCode(e.target.value)} placeholder="415" />
            </Field>
            <button type="submit" className="btn-secondary mb-[1px]">
              <Search className="h-4 w-4" /> Search
            </button>
          </form>
          {search.data && search.data.length === 0 && <p className="text-sm text-slate-500">No numbers for sale in {searched}. Try a neighbouring area code.</p>}
          {search.data && search.data.length > 0 && (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Numbers for sale">
              {search.data.map((n) => (
                <li key={n.e164} className="flex items-center justify-between px-4 py-2">
                  <span className="font-medium text-slate-900">
                    {formatPhone(n.e164)} {n.locality && <span className="text-sm font-normal text-slate-500">{n.locality}, {n.region}</span>}
                  </span>
                  <button type="button" className="btn-primary" disabled={buy.isPending} onClick={() => buy.mutate({ clientId, e164: n.e164, setup })} aria-label={`Buy ${formatPhone(n.e164)}`}>
                    Buy
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {source === "existing" && (
        <div>
          {account.error && <p role="alert" className="text-sm text-red-700">{messageOf(account.error)}</p>}
          {account.data && account.data.length === 0 && <p className="text-sm text-slate-500">The Twilio account has no numbers yet: buy one instead.</p>}
          {account.data && account.data.length > 0 && (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Numbers in the Twilio account">
              {account.data.map((n) => (
                <li key={n.sid} className="flex items-center gap-4 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">{formatPhone(n.e164)}</p>
                    <p className="truncate text-xs text-slate-500">Calls go to: {n.voiceUrl || "nowhere"} · texts go to: {n.smsUrl || "nowhere"}</p>
                  </div>
                  {n.usedBy ? (
                    <span className="text-sm text-slate-500">In use by {n.usedBy}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={takeOver.isPending}
                      onClick={() =>
                        confirm(`Point ${formatPhone(n.e164)}'s calls and texts at Ringback? Whatever handles them now (${n.voiceUrl || "nothing"}) stops receiving them.`) &&
                        takeOver.mutate({ clientId, twilioSid: n.sid, setup })
                      }
                    >
                      Take over
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {actionError && !lineErrors.length && <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{messageOf(actionError)}</p>}
      {added && (
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" role="status">
          {formatPhone(added.e164)} is connected and its webhooks point at the app.
        </p>
      )}
      {mode === "forwarded" && <ForwardingCodes ringback={added?.e164 ?? null} />}
    </Section>
  );
}

function ModeCard({ checked, onSelect, title, text }: { checked: boolean; onSelect: () => void; title: string; text: string }) {
  return (
    <label className={`cursor-pointer rounded-lg border p-4 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}>
      <input type="radio" name="mode" className="sr-only" checked={checked} onChange={onSelect} />
      <span className="block text-sm font-medium text-slate-900">{title}</span>
      <span className="mt-1 block text-xs text-slate-600">{text}</span>
    </label>
  );
}

function ForwardingCodes({ ringback }: { ringback: string | null }) {
  const digits = ringback ? tenDigits(ringback) : "<Ringback number>";
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700" aria-label="Forwarding codes">
      <p className="font-medium text-slate-900">3. Forward unanswered calls from the business line</p>
      <p className="mt-1">From the business&apos;s phone, dial its carrier&apos;s code for “forward when not answered / busy”:</p>
      <table className="mt-2 w-full text-left text-sm">
        <thead>
          <tr className="text-xs text-slate-500">
            <th className="py-1">Carrier</th>
            <th>Turn on</th>
            <th>Turn off</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {forwardingCodes.map((c) => (
            <tr key={c.carrier} className="border-t border-slate-200">
              <td className="py-1 pr-2">{c.carrier}</td>
              <td className="pr-2 font-mono">{c.enable(digits)}</td>
              <td className="pr-2 font-mono">{c.disable}</td>
              <td className="text-xs text-slate-500">{c.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2">
        To test: call the business line from another phone and let it ring out. The call should land here and the caller should get the text; the go-live checklist ticks when it is delivered.
      </p>
    </div>
  );
}
