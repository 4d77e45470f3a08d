import { createHash, randomBytes } from "node:crypto";
import type { Viewer } from "../auth/access";
import { auth } from "../auth/auth";
import { sharedSignInLimits } from "../auth/sign-in-limit";
import { db, type MembershipRole } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { sendEmail } from "../mail/mailer";
import type { AcceptInvitationInput, InviteInput } from "./people-schemas";
import { assertGrantable, resolvePeopleAccess, scopeWhere, type PeopleScope } from "./scope";

/**
 * People of an agency or a client: members and invitations. An invitation is a single-use link
 * (only a SHA-256 of its random token is stored) that expires after 7 days; accepting it creates
 * the Better Auth user and credential account (or, for an existing user, checks their password)
 * and the membership, in one transaction that also consumes the invitation.
 */
export const INVITATION_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
export const invitationLink = (token: string) => `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/invite/${token}`;

const roleWords: Record<MembershipRole, string> = { admin: "agency admin", builder: "agency builder", owner: "owner", ops: "operations" };

async function audit(scope: PeopleScope, actorId: string, action: string, targetType: string, targetId: string, data: object) {
  await db.auditEvent.create({
    data: { agencyId: scope.agencyId, clientId: scope.kind === "client" ? scope.clientId : null, actorId, action, targetType, targetId, data },
  });
}

export async function listPeople({ viewer, clientId }: { viewer: Viewer; clientId: string | null }) {
  const access = await resolvePeopleAccess(viewer, clientId);
  const [members, invitations] = await Promise.all([
    db.membership.findMany({ where: scopeWhere(access.scope), orderBy: { createdAt: "asc" }, include: { user: { select: { name: true, email: true } } } }),
    db.invitation.findMany({ where: { ...scopeWhere(access.scope), acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  const now = Date.now();
  return {
    scope: { kind: access.scope.kind, name: access.scope.name },
    grantable: access.grantable,
    canChangeRoles: access.canChangeRoles,
    members: members.map((m) => ({ id: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, you: m.userId === viewer.userId })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, expired: i.expiresAt.getTime() <= now, createdAt: i.createdAt })),
  };
}

async function deliver(scope: PeopleScope, email: string, role: MembershipRole, token: string, inviterName: string) {
  const link = invitationLink(token);
  const mail = await sendEmail({
    to: email,
    subject: `You're invited to ${scope.name} on Ringback`,
    text: [
      `${inviterName} invited you to ${scope.name} on Ringback as ${roleWords[role]}.`,
      "",
      `Accept the invitation and choose your password here (the link works once, for ${INVITATION_DAYS} days):`,
      link,
      "",
      "If you did not expect this, ignore this email.",
    ].join("\n"),
  });
  return { link, emailed: mail.sent, emailError: mail.error };
}

export async function invite({ viewer, input, actorId }: { viewer: Viewer; input: InviteInput; actorId: string }) {
  const access = await resolvePeopleAccess(viewer, input.clientId);
  assertGrantable(access, input.role);
  const existing = await db.membership.findFirst({ where: { ...scopeWhere(access.scope), user: { email: input.email } } });
  if (existing) {
    throw new AppError("CONFLICT", `${input.email} is already a member of ${access.scope.name}. Change their role instead.`, { fieldErrors: { email: ["Already a member"] } });
  }
  const token = newToken();
  const scopeIds = access.scope.kind === "agency" ? { agencyId: access.scope.agencyId } : { clientId: access.scope.clientId };
  const invitation = await db.$transaction(async (tx) => {
    // One live invitation per person and place: inviting again replaces the older link.
    await tx.invitation.updateMany({ where: { ...scopeWhere(access.scope), email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    return tx.invitation.create({
      data: { ...scopeIds, email: input.email, role: input.role, tokenHash: hashToken(token), invitedById: actorId, expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY) },
    });
  });
  const inviter = await db.user.findUnique({ where: { id: actorId }, select: { name: true } });
  const sent = await deliver(access.scope, input.email, input.role, token, inviter?.name ?? "Your agency");
  await audit(access.scope, actorId, "member.invite", "Invitation", invitation.id, { email: input.email, role: input.role });
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, ...sent };
}

async function invitationIn(scope: PeopleScope, invitationId: string) {
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, ...scopeWhere(scope) } });
  if (!invitation) throw notFound("That invitation");
  return invitation;
}

/** Sends the invitation again with a fresh link and a fresh 7 days; the old link stops working. */
export async function resendInvitation({ viewer, clientId, invitationId, actorId }: { viewer: Viewer; clientId: string | null; invitationId: string; actorId: string }) {
  const access = await resolvePeopleAccess(viewer, clientId);
  const invitation = await invitationIn(access.scope, invitationId);
  assertGrantable(access, invitation.role);
  if (invitation.acceptedAt) throw new AppError("CONFLICT", `${invitation.email} already accepted this invitation.`);
  if (invitation.revokedAt) throw new AppError("CONFLICT", "This invitation was revoked. Invite them again instead.");
  const token = newToken();
  await db.invitation.update({ where: { id: invitation.id }, data: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY) } });
  const inviter = await db.user.findUnique({ where: { id: actorId }, select: { name: true } });
  const sent = await deliver(access.scope, invitation.email, invitation.role, token, inviter?.name ?? "Your agency");
  await audit(access.scope, actorId, "member.invite.resend", "Invitation", invitation.id, { email: invitation.email });
  return { id: invitation.id, ...sent };
}

export async function revokeInvitation({ viewer, clientId, invitationId, actorId }: { viewer: Viewer; clientId: string | null; invitationId: string; actorId: string }) {
  const access = await resolvePeopleAccess(viewer, clientId);
  const invitation = await invitationIn(access.scope, invitationId);
  assertGrantable(access, invitation.role);
  if (invitation.acceptedAt) throw new AppError("CONFLICT", `${invitation.email} already accepted: remove them as a member instead.`);
  await db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: invitation.revokedAt ?? new Date() } });
  await audit(access.scope, actorId, "member.invite.revoke", "Invitation", invitation.id, { email: invitation.email });
  return { id: invitation.id };
}

async function membershipIn(scope: PeopleScope, membershipId: string) {
  const membership = await db.membership.findFirst({ where: { id: membershipId, ...scopeWhere(scope) }, include: { user: { select: { email: true } } } });
  if (!membership) throw notFound("That member");
  return membership;
}

/** The agency keeps at least one admin: nobody can remove or demote the last. */
async function assertNotLastAdmin(scope: PeopleScope, membership: { id: string; role: MembershipRole }, what: string) {
  if (scope.kind !== "agency" || membership.role !== "admin") return;
  const admins = await db.membership.count({ where: { agencyId: scope.agencyId, clientId: null, role: "admin" } });
  if (admins <= 1) throw new AppError("PRECONDITION_FAILED", `This is the agency's last admin, so they cannot be ${what}. Make someone else an admin first.`);
}

export async function changeRole({ viewer, clientId, membershipId, role, actorId }: { viewer: Viewer; clientId: string | null; membershipId: string; role: MembershipRole; actorId: string }) {
  const access = await resolvePeopleAccess(viewer, clientId);
  const membership = await membershipIn(access.scope, membershipId);
  if (!access.canChangeRoles) throw new AppError("FORBIDDEN", "Only an agency admin can change roles.");
  assertGrantable(access, role);
  if (membership.role === role) return { id: membership.id, role };
  if (role !== "admin") await assertNotLastAdmin(access.scope, membership, "demoted");
  await db.membership.update({ where: { id: membership.id }, data: { role } });
  await audit(access.scope, actorId, "member.role", "Membership", membership.id, { email: membership.user.email, from: membership.role, to: role });
  return { id: membership.id, role };
}

/** Removes a member; all of their sessions end at once (they sign in again to what they still have). */
export async function removeMember({ viewer, clientId, membershipId, actorId }: { viewer: Viewer; clientId: string | null; membershipId: string; actorId: string }) {
  const access = await resolvePeopleAccess(viewer, clientId);
  const membership = await membershipIn(access.scope, membershipId);
  assertGrantable(access, membership.role);
  await assertNotLastAdmin(access.scope, membership, "removed");
  await db.$transaction([db.membership.delete({ where: { id: membership.id } }), db.session.deleteMany({ where: { userId: membership.userId } })]);
  await audit(access.scope, actorId, "member.remove", "Membership", membership.id, { email: membership.user.email, role: membership.role });
  return { id: membership.id };
}

/** Why a link does not work, in words; null when it does. */
function unusable(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null, now = new Date()) {
  if (!invitation) return "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.";
  if (invitation.acceptedAt) return "This invitation was already used. Sign in with the password you chose, or ask for a new invitation.";
  if (invitation.revokedAt) return "This invitation was withdrawn (or replaced by a newer one). Ask whoever invited you to send it again.";
  if (invitation.expiresAt <= now) return `This invitation expired (links work for ${INVITATION_DAYS} days). Ask whoever invited you to send it again.`;
  return null;
}

async function scopeNameOf(invitation: { agencyId: string | null; clientId: string | null }) {
  if (invitation.clientId) return (await db.client.findUnique({ where: { id: invitation.clientId }, select: { name: true } }))?.name ?? "a business";
  return (await db.agency.findUnique({ where: { id: invitation.agencyId! }, select: { name: true } }))?.name ?? "an agency";
}

/** What the invitation page shows before accepting (public: the token is the credential). */
export async function getInvitation({ token }: { token: string }) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  const problem = unusable(invitation);
  if (!invitation || problem) return { ok: false as const, problem: problem! };
  const existingUser = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { ok: true as const, email: invitation.email, role: invitation.role, place: await scopeNameOf(invitation), existingUser: !!existingUser };
}

export async function acceptInvitation({ input }: { input: AcceptInvitationInput }) {
  const tokenHash = hashToken(input.token);
  const invitation = await db.invitation.findUnique({ where: { tokenHash } });
  const problem = unusable(invitation);
  if (!invitation || problem) throw new AppError(invitation ? "PRECONDITION_FAILED" : "NOT_FOUND", problem!);
  const ctx = await auth.$context;
  const existing = await db.user.findUnique({ where: { email: invitation.email }, include: { accounts: { where: { providerId: "credential" } } } });
  if (existing) {
    // A password check like sign-in's: it spends the same per-account budget, or the link would allow unlimited guesses.
    const wait = sharedSignInLimits().perAccount.hit(invitation.email.toLowerCase());
    if (wait !== null) throw new AppError("TOO_MANY_REQUESTS", `Too many password attempts for ${invitation.email}. Try again in ${Math.ceil(wait / 60)} minute(s), or reset your password.`);
    const hash = existing.accounts[0]?.password;
    if (!hash || !(await ctx.password.verify({ hash, password: input.password }))) {
      throw new AppError("UNAUTHORIZED", `${invitation.email} already has a Ringback account: enter its password to accept.`, { fieldErrors: { password: ["Wrong password for this account"] } });
    }
  }
  const passwordHash = existing ? null : await ctx.password.hash(input.password);
  await db.$transaction(async (tx) => {
    // Single use, even when two tabs accept at once: only one update finds the row unaccepted.
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, data: { acceptedAt: new Date() } });
    if (count === 0) throw new AppError("PRECONDITION_FAILED", "This invitation was already used. Sign in with the password you chose, or ask for a new invitation.");
    let userId = existing?.id;
    if (!userId) {
      userId = crypto.randomUUID();
      await tx.user.create({
        data: {
          id: userId,
          name: input.name,
          email: invitation.email,
          // The link reached this inbox: that is the email verification.
          emailVerified: true,
          accounts: { create: { id: crypto.randomUUID(), accountId: userId, providerId: "credential", password: passwordHash } },
        },
      });
    }
    const scope = invitation.clientId ? { clientId: invitation.clientId } : { agencyId: invitation.agencyId! };
    const already = await tx.membership.findFirst({ where: { userId, ...scope } });
    if (already) await tx.membership.update({ where: { id: already.id }, data: { role: invitation.role } });
    else await tx.membership.create({ data: { userId, role: invitation.role, ...scope } });
    await tx.auditEvent.create({
      data: { agencyId: invitation.agencyId, clientId: invitation.clientId, actorId: userId, action: "member.join", targetType: "Invitation", targetId: invitation.id, data: { email: invitation.email, role: invitation.role } },
    });
  });
  return { email: invitation.email };
}
