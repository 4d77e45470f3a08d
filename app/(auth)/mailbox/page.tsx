import { Mail } from "lucide-react";
import { notFound } from "next/navigation";
import { env } from "@/server/env";

export const metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

interface DevMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

/** Linkify URLs in an email's plain text. */
function Body({ text }: { text: string }) {
  return (
    <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-slate-700">
      {text.split(/(https?:\/\/\S+)/g).map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="font-medium text-brand-700 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

/**
 * The development mailbox: every email the app sent through the local SMTP sink
 * (server/mail/dev-mailbox). It exists only while DEV_MAILBOX_URL is set (npm run dev, e2e).
 */
export default async function MailboxPage() {
  if (!env.DEV_MAILBOX_URL) notFound();
  let messages: DevMail[] = [];
  let error: string | null = null;
  try {
    messages = ((await (await fetch(`${env.DEV_MAILBOX_URL}/messages`, { cache: "no-store" })).json()) as { messages: DevMail[] }).messages;
  } catch {
    error = `The dev mailbox is not running at ${env.DEV_MAILBOX_URL}. Start the app with npm run dev.`;
  }
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="flex items-center gap-2 text-xl font-semibold text-slate-900">
        <Mail className="h-5 w-5" /> Dev mailbox
      </h1>
      <p className="mt-1 text-sm text-slate-500">Emails the app sent in development, newest first. Nothing here left this machine.</p>
      {error && <p role="alert" className="mt-6 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {!error && messages.length === 0 && <p className="mt-6 text-sm text-slate-500">No emails yet.</p>}
      <ul className="mt-6 space-y-4" aria-label="Emails">
        {messages.map((m) => (
          <li key={m.id} className="card p-5" data-testid="email">
            <p className="font-semibold text-slate-900">{m.subject}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              To {m.to.join(", ")} · from {m.from} · {new Date(m.receivedAt).toLocaleString("en-US")}
            </p>
            <Body text={m.text} />
          </li>
        ))}
      </ul>
    </main>
  );
}
