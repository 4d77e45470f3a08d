"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Mail, RotateCw, Trash2, X } from "lucide-react";
import { useState } from "react";
import { useConfirm } from "@/app/_components/dialog";
import { Field, Section } from "@/app/_components/field";
import { fieldErrorsOf, messageOf } from "@/app/_components/field-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { Role } from "@/server/auth/permissions";

const roleLabels: Record<Role, string> = { admin: "Agency admin", builder: "Agency builder", owner: "Owner", ops: "Operations" };

/** Members and invitations of the agency (clientId null) or of one client. */
export function PeopleManager({ clientId }: { clientId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const people = useQuery(trpc.members.list.queryOptions({ clientId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ clientId }) });
  const [sent, setSent] = useState<{ email: string; link: string; emailed: boolean; emailError: string | null } | null>(null);
  const onSent = (r: { link: string; emailed: boolean; emailError: string | null }, email: string) => {
    setSent({ email, ...r });
    void refresh();
  };
  const invite = useMutation(trpc.members.invite.mutationOptions({ onSuccess: (r) => onSent(r, r.email) }));
  const resend = useMutation(trpc.members.resend.mutationOptions({ onSuccess: (r, v) => onSent(r, people.data?.invitations.find((i) => i.id === v.invitationId)?.email ?? "") }));
  const revoke = useMutation(trpc.members.revoke.mutationOptions({ onSuccess: refresh }));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const { confirm, dialog } = useConfirm();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const errors = fieldErrorsOf(invite.error);
  const actionError = [resend, revoke, changeRole, remove].find((m) => m.error)?.error;

  if (people.error) return <p role="alert" className="text-sm text-red-700">{messageOf(people.error)}</p>;
  if (!people.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { members, invitations, grantable, canChangeRoles, scope } = people.data;
  const chosenRole = role || grantable[0];

  return (
    <div className="space-y-8">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ clientId, email, role: chosenRole });
        }}
      >
        <Section
          title="Invite someone"
          description={`They get an email with a link that works once, for 7 days, to join ${scope.name}.`}
          footer={
            <>
              {invite.error && !Object.keys(errors).length && <p role="alert" className="mr-auto text-sm text-red-700">{messageOf(invite.error)}</p>}
              <button type="submit" className="btn-primary" disabled={invite.isPending}>
                <Mail className="h-4 w-4" /> {invite.isPending ? "Sending…" : "Send invitation"}
              </button>
            </>
          }
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Email" errors={errors.email} className="sm:col-span-2">
              <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@business.com" />
            </Field>
            <Field label="Role" errors={errors.role}>
              <select className="input" aria-label="Role" value={chosenRole} onChange={(e) => setRole(e.target.value as Role)}>
                {grantable.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {sent && (
            <div className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="invitation-sent">
              <p>
                {sent.emailed ? `Invitation emailed to ${sent.email}.` : `Not emailed (${sent.emailError}) — send ${sent.email} this link yourself.`} The link, to copy:
              </p>
              <div className="mt-2 flex items-center gap-2">
                <input readOnly className="input font-mono text-xs" value={sent.link} aria-label="Invitation link" onFocus={(e) => e.target.select()} />
                <button type="button" className="btn-secondary" onClick={() => void navigator.clipboard?.writeText(sent.link)} aria-label="Copy link">
                  <Copy className="h-4 w-4" />
                </button>
              </div>
            </div>
          )}
        </Section>
      </form>

      {actionError && <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{messageOf(actionError)}</p>}

      <Section title="Members">
        <ul className="divide-y divide-slate-100" aria-label="Members">
          {members.map((m) => (
            <li key={m.id} className="flex items-center gap-4 py-3">
              <div className="flex-1">
                <p className="font-medium text-slate-900">
                  {m.name} {m.you && <span className="text-xs font-normal text-slate-500">(you)</span>}
                </p>
                <p className="text-sm text-slate-500">{m.email}</p>
              </div>
              {canChangeRoles && grantable.includes(m.role) ? (
                <select
                  className="input w-44"
                  aria-label={`Role of ${m.email}`}
                  value={m.role}
                  onChange={(e) => changeRole.mutate({ clientId, membershipId: m.id, role: e.target.value as Role })}
                >
                  {grantable.map((r) => (
                    <option key={r} value={r}>
                      {roleLabels[r]}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="text-sm text-slate-600">{roleLabels[m.role]}</span>
              )}
              {grantable.includes(m.role) && (
                <button
                  type="button"
                  className="btn-ghost text-red-600"
                  aria-label={`Remove ${m.email}`}
                  onClick={async () =>
                    (await confirm({ title: `Remove ${m.name}?`, body: "They are signed out everywhere at once.", confirmLabel: "Remove", danger: true })) &&
                    remove.mutate({ clientId, membershipId: m.id })
                  }
                >
                  <Trash2 className="h-4 w-4" />
                </button>
              )}
            </li>
          ))}
          {members.length === 0 && <li className="py-3 text-sm text-slate-500">Nobody yet.</li>}
        </ul>
      </Section>

      {invitations.length > 0 && (
        <Section title="Invitations waiting">
          <ul className="divide-y divide-slate-100" aria-label="Invitations">
            {invitations.map((i) => (
              <li key={i.id} className="flex items-center gap-4 py-3">
                <div className="flex-1">
                  <p className="font-medium text-slate-900">{i.email}</p>
                  <p className={`text-sm ${i.expired ? "text-amber-700" : "text-slate-500"}`}>
                    {roleLabels[i.role]} · {i.expired ? "expired" : `expires ${new Date(i.expiresAt).toLocaleDateString("en-US", { month: "short", day: "numeric" })}`}
                  </p>
                </div>
                <button type="button" className="btn-secondary" onClick={() => resend.mutate({ clientId, invitationId: i.id })} aria-label={`Resend to ${i.email}`}>
                  <RotateCw className="h-4 w-4" /> Resend
                </button>
                <button type="button" className="btn-ghost text-red-600" onClick={() => revoke.mutate({ clientId, invitationId: i.id })} aria-label={`Revoke invitation of ${i.email}`}>
                  <X className="h-4 w-4" />
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {dialog}
    </div>
  );
}
