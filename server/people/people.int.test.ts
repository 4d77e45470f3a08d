import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevMailbox } from "../mail/dev-mailbox";
import type { createTenants } from "../testing/tenants";

// Invitations and members through tRPC, with email delivered over real SMTP to the dev mailbox:
// who may invite whom, the single-use 7-day link, accepting with Better Auth's own password hashing
// (sign-in works afterwards), role changes, removal ending sessions, and the last agency admin.

let mailbox: DevMailbox;
let t: Awaited<ReturnType<typeof createTenants>>;
let db: typeof import("../db/client").db;
let auth: typeof import("../auth/auth").auth;

beforeAll(async () => {
  const { startDevMailbox } = await import("../mail/dev-mailbox");
  mailbox = await startDevMailbox();
  process.env.SMTP_URL = mailbox.smtpUrl;
  ({ db } = await import("../db/client"));
  ({ auth } = await import("../auth/auth"));
  t = await (await import("../testing/tenants")).createTenants();
});
afterAll(() => mailbox.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
const tokenOf = (link: string) => link.split("/invite/")[1];
const greenfield = () => t.clients.greenfield.id;

describe("inviting", () => {
  it("an agency admin invites a client owner: the email carries the single-use link, also returned for copying", async () => {
    const sent = await t.callers.admin.members.invite({ clientId: greenfield(), email: "New.Owner@Example.test", role: "owner" });
    expect(sent).toMatchObject({ email: "new.owner@example.test", role: "owner", emailed: true });
    expect(sent.link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const mail = mailbox.messages.find((m) => m.to.includes("new.owner@example.test"))!;
    expect(mail.subject).toBe("You're invited to Greenfield Plumbing on Ringback");
    expect(mail.text).toContain(sent.link);
    // Only a hash of the token is stored.
    const row = await db.invitation.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.tokenHash).not.toContain(tokenOf(sent.link));
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it.each([
    ["admin", null, "builder", "OK"],
    ["admin", "greenfield", "ops", "OK"],
    ["owner", "greenfield", "ops", "OK"],
    ["owner", "greenfield", "owner", "FORBIDDEN"],
    ["owner", null, "builder", "NOT_FOUND"],
    ["ops", "greenfield", "ops", "FORBIDDEN"],
    ["builder", "greenfield", "ops", "FORBIDDEN"],
    ["builder", null, "builder", "FORBIDDEN"],
    ["admin", "greenfield", "admin", "FORBIDDEN"],
    ["otherAdmin", "greenfield", "ops", "NOT_FOUND"],
  ] as const)("%s inviting to %s as %s: %s", async (who, where, role, expected) => {
    const clientId = where ? greenfield() : null;
    expect(await codeOf(t.callers[who].members.invite({ clientId, email: `${who}-${role}-${Math.random()}@example.test`, role }))).toBe(expected);
  });

  it("inviting someone who is already a member says so", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { id: t.users.owner.id } });
    await expect(t.callers.admin.members.invite({ clientId: greenfield(), email: owner.email, role: "ops" })).rejects.toThrow(/already a member of Greenfield Plumbing/);
  });
});

describe("accepting", () => {
  it("sets a name and password; the new member signs in with them and sees the business", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: greenfield(), email: "rita@example.test", role: "ops" });
    const token = tokenOf(link);
    expect(await t.anonymous.invitations.get({ token })).toMatchObject({ ok: true, email: "rita@example.test", role: "ops", place: "Greenfield Plumbing", existingUser: false });
    await t.anonymous.invitations.accept({ token, name: "Rita Ramos", password: "rita-password" });
    const signedIn = await auth.api.signInEmail({ body: { email: "rita@example.test", password: "rita-password" } });
    const { createCaller } = await import("../api/root");
    const rita = createCaller({ userId: signedIn.user.id });
    expect((await rita.clients.list()).map((c) => c.name)).toEqual(["Greenfield Plumbing"]);
    expect((await rita.me.get()).name).toBe("Rita Ramos");
  });

  it("a used link cannot be used again", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: greenfield(), email: "once@example.test", role: "ops" });
    await t.anonymous.invitations.accept({ token: tokenOf(link), name: "Once", password: "password-1" });
    await expect(t.anonymous.invitations.accept({ token: tokenOf(link), name: "Twice", password: "password-2" })).rejects.toThrow(/already used/);
    expect(await t.anonymous.invitations.get({ token: tokenOf(link) })).toMatchObject({ ok: false, problem: expect.stringContaining("already used") });
  });

  it("two accepts at once: exactly one wins", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: greenfield(), email: "race@example.test", role: "ops" });
    const results = await Promise.allSettled([0, 1].map((i) => t.anonymous.invitations.accept({ token: tokenOf(link), name: `Racer ${i}`, password: "password-race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email: "race@example.test" } })).toBe(1);
  });

  it("an expired link says it expired and how to get a new one", async () => {
    const { id, link } = await t.callers.admin.members.invite({ clientId: greenfield(), email: "late@example.test", role: "ops" });
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(t.anonymous.invitations.accept({ token: tokenOf(link), name: "Late", password: "password-late" })).rejects.toThrow(/expired .*Ask whoever invited you/);
    expect(await db.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("resending gives a fresh link; the old one stops working. Revoking kills it.", async () => {
    const first = await t.callers.owner.members.invite({ clientId: greenfield(), email: "resend@example.test", role: "ops" });
    const again = await t.callers.owner.members.resend({ clientId: greenfield(), invitationId: first.id });
    expect(again.link).not.toBe(first.link);
    expect(await t.anonymous.invitations.get({ token: tokenOf(first.link) })).toMatchObject({ ok: false });
    await t.callers.owner.members.revoke({ clientId: greenfield(), invitationId: first.id });
    await expect(t.anonymous.invitations.accept({ token: tokenOf(again.link), name: "R", password: "password-r" })).rejects.toThrow(/withdrawn/);
  });

  it("a made-up token finds nothing", async () => {
    expect(await codeOf(t.anonymous.invitations.accept({ token: "x".repeat(43), name: "X", password: "password-x" }))).toBe("NOT_FOUND");
  });

  it("someone who already has an account accepts with their existing password", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: t.clients.bright.id, email: "rita@example.test", role: "owner" });
    expect(await t.anonymous.invitations.get({ token: tokenOf(link) })).toMatchObject({ ok: true, existingUser: true });
    await expect(t.anonymous.invitations.accept({ token: tokenOf(link), name: "-", password: "wrong-password" })).rejects.toThrow(/enter its password/);
    await t.anonymous.invitations.accept({ token: tokenOf(link), name: "-", password: "rita-password" });
    const rita = await db.user.findUniqueOrThrow({ where: { email: "rita@example.test" }, include: { memberships: true } });
    expect(rita.memberships.map((m) => m.role).sort()).toEqual(["ops", "owner"]);
  });

  it("accepting for an existing account is no way around the sign-in limit per account: its guesses count there too", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: t.clients.bright.id, email: "guessed@example.test", role: "owner" });
    const { sharedSignInLimits } = await import("../auth/sign-in-limit");
    const id = crypto.randomUUID();
    const hash = await (await auth.$context).password.hash("guessed-password");
    await db.user.create({ data: { id, email: "guessed@example.test", name: "G", emailVerified: true, accounts: { create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: hash } } } });
    // Spend the account's budget (AUTH_SIGN_IN_PER_ACCOUNT per 15 minutes, as sign-in would).
    const limits = sharedSignInLimits();
    while (limits.perAccount.hit("guessed@example.test") === null);
    const refused = await codeOf(t.anonymous.invitations.accept({ token: tokenOf(link), name: "-", password: "guessed-password" }));
    expect(refused).toBe("TOO_MANY_REQUESTS");
    expect(await db.membership.count({ where: { user: { email: "guessed@example.test" } } })).toBe(0);
  });
});

describe("members", () => {
  it("removing a member ends their sessions at once", async () => {
    const { link } = await t.callers.admin.members.invite({ clientId: greenfield(), email: "leaver@example.test", role: "ops" });
    await t.anonymous.invitations.accept({ token: tokenOf(link), name: "Leaver", password: "password-leave" });
    const session = await auth.api.signInEmail({ body: { email: "leaver@example.test", password: "password-leave" } });
    expect(await db.session.count({ where: { userId: session.user.id } })).toBe(1);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: session.user.id } });
    await t.callers.owner.members.remove({ clientId: greenfield(), membershipId: membership.id });
    expect(await db.session.count({ where: { userId: session.user.id } })).toBe(0);
    // Sessions live only in the database (no cookie cache), so the next request finds none.
    expect(await db.session.findUnique({ where: { token: session.token } })).toBeNull();
  });

  it("an owner cannot remove or re-role the owner; ops and builders cannot manage people", async () => {
    const ownerMembership = await db.membership.findFirstOrThrow({ where: { userId: t.users.owner.id } });
    expect(await codeOf(t.callers.owner.members.remove({ clientId: greenfield(), membershipId: ownerMembership.id }))).toBe("FORBIDDEN");
    const opsMembership = await db.membership.findFirstOrThrow({ where: { userId: t.users.ops.id } });
    expect(await codeOf(t.callers.owner.members.changeRole({ clientId: greenfield(), membershipId: opsMembership.id, role: "owner" }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.ops.members.list({ clientId: greenfield() }))).toBe("FORBIDDEN");
    expect(await codeOf(t.callers.builder.members.list({ clientId: null }))).toBe("FORBIDDEN");
  });

  it("the last agency admin cannot be demoted or removed; with a second admin they can", async () => {
    const adminMembership = await db.membership.findFirstOrThrow({ where: { userId: t.users.admin.id } });
    await expect(t.callers.admin.members.changeRole({ clientId: null, membershipId: adminMembership.id, role: "builder" })).rejects.toThrow(/last admin/);
    await expect(t.callers.admin.members.remove({ clientId: null, membershipId: adminMembership.id })).rejects.toThrow(/last admin/);
    const builderMembership = await db.membership.findFirstOrThrow({ where: { userId: t.users.builder.id } });
    await t.callers.admin.members.changeRole({ clientId: null, membershipId: builderMembership.id, role: "admin" });
    await t.callers.admin.members.changeRole({ clientId: null, membershipId: adminMembership.id, role: "builder" });
    expect(await db.membership.findUniqueOrThrow({ where: { id: adminMembership.id } })).toMatchObject({ role: "builder" });
    expect(await db.auditEvent.count({ where: { action: "member.role", agencyId: t.agency.id } })).toBe(2);
  });
});
