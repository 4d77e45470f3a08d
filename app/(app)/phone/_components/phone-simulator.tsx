"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Phone, PhoneOff, Send } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Field } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import { formatPhone } from "@/server/phone/phone";

type BusinessNumber = { clientId: string; clientName: string; e164: string };
type Outcome = "no-answer" | "busy" | "failed" | "canceled" | "completed";

const outcomes: { value: Outcome; label: string }[] = [
  { value: "no-answer", label: "Nobody answers" },
  { value: "busy", label: "Line is busy" },
  { value: "canceled", label: "Caller hangs up while ringing" },
  { value: "failed", label: "Call fails" },
  { value: "completed", label: "Someone answers" },
];

export function PhoneSimulator({ numbers }: { numbers: BusinessNumber[] }) {
  const trpc = useTRPC();
  const [business, setBusiness] = useState(numbers[0]);
  const [caller, setCaller] = useState("+1 312 555 0123");
  const [callerName, setCallerName] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("no-answer");
  const [voicemail, setVoicemail] = useState("");
  const [draft, setDraft] = useState("");
  const [lastCall, setLastCall] = useState<string | null>(null);

  const call = useMutation(trpc.phone.placeCall.mutationOptions({ onSuccess: (r) => setLastCall(r.callSid) }));
  const text = useMutation(trpc.phone.sendText.mutationOptions({ onSuccess: () => setDraft("") }));
  const thread = useQuery({
    ...trpc.phone.thread.queryOptions({ clientId: business.clientId, business: business.e164, caller }),
    refetchInterval: 1000,
    retry: false,
  });
  const callErrors = fieldErrorsOf(call.error);
  const bottom = useRef<HTMLDivElement>(null);
  const count = thread.data?.length ?? 0;
  useEffect(() => {
    bottom.current?.scrollIntoView({ behavior: "smooth" });
  }, [count]);

  const sendText = (body: string) => text.mutate({ clientId: business.clientId, business: business.e164, caller, body });

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,22rem)_minmax(0,24rem)]">
      <form
        className="card space-y-5 p-6"
        aria-label="Place a call"
        onSubmit={(e) => {
          e.preventDefault();
          call.mutate({ clientId: business.clientId, business: business.e164, caller, outcome, voicemail: voicemail.trim() || null, callerName: callerName.trim() || null });
        }}
      >
        <Field label="Business number">
          <select
            className="input"
            value={business.e164}
            onChange={(e) => setBusiness(numbers.find((n) => n.e164 === e.target.value)!)}
          >
            {numbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {n.clientName} · {formatPhone(n.e164)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Caller's number" errors={callErrors.caller}>
          <input className="input" value={caller} onChange={(e) => setCaller(e.target.value)} aria-invalid={!!callErrors.caller} />
        </Field>
        <Field label="Caller name (optional)" hint="Sent as Twilio's CallerName, as a number with caller-name lookup does." errors={callErrors.callerName}>
          <input className="input" value={callerName} onChange={(e) => setCallerName(e.target.value)} placeholder="MARIA GARCIA" aria-invalid={!!callErrors.callerName} />
        </Field>
        <Field label="What happens">
          <select className="input" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {outcomes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Voicemail (if the number takes them)" hint="Leave empty to hang up without a message.">
          <textarea className="input" rows={2} value={voicemail} onChange={(e) => setVoicemail(e.target.value)} placeholder="Hi, my basement is flooding…" />
        </Field>
        {call.error && <p className="text-sm text-red-600" role="alert">{messageOf(call.error)}</p>}
        {lastCall && !call.isPending && !call.error && (
          <p className="text-sm text-emerald-700" role="status">
            Call placed. {outcome === "completed" ? "Someone answered: no text expected." : "Watch the phone for the text."}
          </p>
        )}
        <button type="submit" className="btn-primary w-full" disabled={call.isPending}>
          {outcome === "completed" ? <Phone className="h-4 w-4" /> : <PhoneOff className="h-4 w-4" />}
          {call.isPending ? "Calling…" : `Call ${formatPhone(business.e164)}`}
        </button>
      </form>

      <div className="mx-auto w-full max-w-sm rounded-[2.5rem] border-8 border-slate-900 bg-slate-900 shadow-2xl">
        <div className="rounded-[2rem] bg-white">
          <div className="rounded-t-[2rem] border-b border-slate-100 px-5 pb-3 pt-5 text-center">
            <p className="text-xs text-slate-400">Caller {caller}</p>
            <p className="font-semibold text-slate-900">{business.clientName}</p>
            <p className="text-xs text-slate-500">{formatPhone(business.e164)}</p>
          </div>
          <div className="h-[26rem] space-y-2 overflow-y-auto px-4 py-4" data-testid="phone-thread">
            {count === 0 && <p className="pt-24 text-center text-sm text-slate-400">No messages yet. Place a call that nobody answers, or text the business first.</p>}
            {thread.data?.map((m) => (
              <div key={m.sid} className={`flex ${m.fromCaller ? "justify-end" : "justify-start"}`}>
                <div
                  data-testid={m.fromCaller ? "caller-bubble" : "business-bubble"}
                  className={`max-w-[80%] whitespace-pre-wrap rounded-2xl px-3.5 py-2 text-sm ${
                    m.fromCaller ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md bg-slate-100 text-slate-900"
                  }`}
                >
                  {m.body}
                  {!m.fromCaller && (
                    <span className={`mt-1 block text-[10px] ${m.errorCode ? "text-red-600" : "text-slate-400"}`}>
                      {m.errorCode ? `${m.status} · error ${m.errorCode}` : m.status}
                    </span>
                  )}
                </div>
              </div>
            ))}
            <div ref={bottom} />
          </div>
          <form
            className="flex items-center gap-2 rounded-b-[2rem] border-t border-slate-100 p-3"
            aria-label="Text the business"
            onSubmit={(e) => {
              e.preventDefault();
              if (draft.trim()) sendText(draft);
            }}
          >
            <input className="input rounded-full" placeholder="Text message" value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Text message" />
            <button type="submit" className="rounded-full bg-brand-600 p-2.5 text-white disabled:opacity-50" aria-label="Send" disabled={text.isPending || !draft.trim()}>
              <Send className="h-4 w-4" />
            </button>
          </form>
        </div>
        {text.isSuccess && (
          <p className="bg-slate-900 px-5 pt-2 text-center text-xs text-slate-300" role="status" data-testid="text-sent">
            Text sent. A live &lsquo;Text received&rsquo; flow answers it unless this number has a run going.{" "}
            <Link className="underline" href={`/clients/${business.clientId}/runs`}>
              Open run history
            </Link>
          </p>
        )}
        <div className="flex justify-center gap-2 py-3">
          {["EMERGENCY", "1", "STOP", "START"].map((quick) => (
            <button key={quick} type="button" className="rounded-full bg-slate-800 px-3 py-1 text-xs text-slate-200 hover:bg-slate-700" onClick={() => sendText(quick)}>
              {quick}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
