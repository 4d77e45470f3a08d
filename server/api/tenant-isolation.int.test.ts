import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { testBooking, testHours, createTenants, createUser } from "../testing/tenants";
import { appRouter } from "./root";

// Every tRPC procedure, called by a user of one agency with another tenant's ids, answers
// NOT_FOUND and changes nothing; procedures without a tenant input return none of the other
// tenant's data. The sweep walks the root router, so a procedure added without a line here fails.

type Tenants = Awaited<ReturnType<typeof createTenants>>;
type Caller = Tenants["callers"]["admin"];
/** The ids a procedure can be handed: a client's own, or (the attack) another tenant's. */
interface Ids {
  clientId: string;
  flowId: string;
  versionId: string;
  runId: string;
  messageId: string;
  contactId: string;
  leadId: string;
  appointmentId: string;
  phoneNumberId: string;
  staffContactId: string;
  membershipId: string;
  invitationId: string;
  business: string;
}

/**
 * How to call each procedure with a set of ids. `objects`: it also takes ids of things inside the
 * client (flow, run, message, …), so it is attacked twice: with the other tenant's clientId, and
 * with the caller's own clientId but the other tenant's object ids. `untenanted`: it takes no
 * tenant input; its answer must not mention the other tenant.
 */
type Entry = { call: (c: Caller, x: Ids) => Promise<unknown>; objects?: boolean } | { untenanted: (c: Caller) => Promise<unknown> };

const graph = async (x: Ids) => (await db.flow.findUniqueOrThrow({ where: { id: x.flowId } })).draftGraph as never;
const settings = (x: Ids) => ({ clientId: x.clientId, businessName: "Hijacked", timezone: "America/Chicago", businessHours: testHours, closures: [], quietHours: null, bookingSettings: testBooking });
const phoneFields = { e164: "+13125559876", label: null, forwardTo: "+13125559877", ringTimeoutSeconds: 20, voicemailEnabled: false };
const staffFields = { name: "Mallory", mobile: "+13125559878", email: null, notifySms: true, notifyEmail: false };
const numberSetup = { mode: "dial" as const, forwardTo: "+13125559877", ringTimeoutSeconds: 20, voicemailEnabled: false };

const sweep: Record<string, Entry> = {
  "me.get": { untenanted: (c) => c.me.get() },
  "clients.list": { untenanted: (c) => c.clients.list() },
  "clients.names": { untenanted: (c) => c.clients.names() },
  "clients.get": { call: (c, x) => c.clients.get({ clientId: x.clientId }) },
  "clients.settings": { call: (c, x) => c.clients.settings({ clientId: x.clientId }) },
  "clients.updateSettings": { call: (c, x) => c.clients.updateSettings(settings(x)) },
  "clients.webhookSecret": { call: (c, x) => c.clients.webhookSecret({ clientId: x.clientId }) },
  "clients.rotateWebhookSecret": { call: (c, x) => c.clients.rotateWebhookSecret({ clientId: x.clientId }) },
  "clients.savePhoneNumber": { call: (c, x) => c.clients.savePhoneNumber({ clientId: x.clientId, id: x.phoneNumberId, ...phoneFields }), objects: true },
  "clients.deletePhoneNumber": { call: (c, x) => c.clients.deletePhoneNumber({ clientId: x.clientId, id: x.phoneNumberId }), objects: true },
  "clients.saveStaffContact": { call: (c, x) => c.clients.saveStaffContact({ clientId: x.clientId, id: x.staffContactId, ...staffFields }), objects: true },
  "clients.deleteStaffContact": { call: (c, x) => c.clients.deleteStaffContact({ clientId: x.clientId, id: x.staffContactId }), objects: true },
  "contacts.list": { call: (c, x) => c.contacts.list({ clientId: x.clientId }) },
  "contacts.setLeadStatus": { call: (c, x) => c.contacts.setLeadStatus({ clientId: x.clientId, leadId: x.leadId, status: "lost" }), objects: true },
  "contacts.optOut": { call: (c, x) => c.contacts.optOut({ clientId: x.clientId, contactId: x.contactId }), objects: true },
  "contacts.appointments": { call: (c, x) => c.contacts.appointments({ clientId: x.clientId }) },
  "contacts.cancelAppointment": { call: (c, x) => c.contacts.cancelAppointment({ clientId: x.clientId, appointmentId: x.appointmentId }), objects: true },
  "dashboard.client": { call: (c, x) => c.dashboard.client({ clientId: x.clientId }) },
  "dashboard.agency": { untenanted: (c) => c.dashboard.agency({}) },
  "flows.starters": { untenanted: (c) => c.flows.starters() },
  "flows.list": { call: (c, x) => c.flows.list({ clientId: x.clientId }) },
  "flows.get": { call: (c, x) => c.flows.get({ clientId: x.clientId, flowId: x.flowId }), objects: true },
  "flows.create": { call: (c, x) => c.flows.create({ clientId: x.clientId, name: "Planted", starter: null }) },
  "flows.rename": { call: (c, x) => c.flows.rename({ clientId: x.clientId, flowId: x.flowId, name: "Renamed" }), objects: true },
  "flows.duplicate": { call: (c, x) => c.flows.duplicate({ clientId: x.clientId, flowId: x.flowId }), objects: true },
  "flows.archive": { call: (c, x) => c.flows.archive({ clientId: x.clientId, flowId: x.flowId }), objects: true },
  "flows.saveDraft": { call: async (c, x) => c.flows.saveDraft({ clientId: x.clientId, flowId: x.flowId, graph: await graph(x), baseRevision: 0 }), objects: true },
  "flows.publish": { call: (c, x) => c.flows.publish({ clientId: x.clientId, flowId: x.flowId, note: null }), objects: true },
  "flows.versions": { call: (c, x) => c.flows.versions({ clientId: x.clientId, flowId: x.flowId }), objects: true },
  "flows.version": { call: (c, x) => c.flows.version({ clientId: x.clientId, versionId: x.versionId }), objects: true },
  "flows.restore": { call: (c, x) => c.flows.restore({ clientId: x.clientId, versionId: x.versionId }), objects: true },
  "flows.simulate": { call: (c, x) => c.flows.simulate({ clientId: x.clientId, flowId: x.flowId, versionId: x.versionId, scenario: { callAt: "2026-11-23T10:00" } }), objects: true },
  "flows.copyToClients": { call: (c, x) => c.flows.copyToClients({ clientId: x.clientId, flowId: x.flowId, targetClientIds: [x.clientId] }), objects: true },
  "inbox.threads": { call: (c, x) => c.inbox.threads({ clientId: x.clientId }) },
  "inbox.thread": { call: (c, x) => c.inbox.thread({ clientId: x.clientId, contactId: x.contactId }), objects: true },
  "inbox.markRead": { call: (c, x) => c.inbox.markRead({ clientId: x.clientId, contactId: x.contactId }), objects: true },
  "inbox.reply": { call: (c, x) => c.inbox.reply({ clientId: x.clientId, contactId: x.contactId, body: "Hello", requestId: crypto.randomUUID() }), objects: true },
  "phone.enabled": { untenanted: (c) => c.phone.enabled() },
  "phone.placeCall": { call: (c, x) => c.phone.placeCall({ clientId: x.clientId, business: x.business, caller: "+13125559879", outcome: "no-answer", voicemail: null }), objects: true },
  "phone.sendText": { call: (c, x) => c.phone.sendText({ clientId: x.clientId, business: x.business, caller: "+13125559879", body: "hi" }), objects: true },
  "phone.thread": { call: (c, x) => c.phone.thread({ clientId: x.clientId, business: x.business, caller: "+13125559879" }), objects: true },
  "runs.list": { call: (c, x) => c.runs.list({ clientId: x.clientId }) },
  "runs.listAll": { untenanted: (c) => c.runs.listAll({}) },
  "runs.get": { call: (c, x) => c.runs.get({ clientId: x.clientId, runId: x.runId }), objects: true },
  "runs.cancel": { call: (c, x) => c.runs.cancel({ clientId: x.clientId, runId: x.runId }), objects: true },
  "runs.failedSends": { call: (c, x) => c.runs.failedSends({ clientId: x.clientId }) },
  "runs.failedSendsAll": { untenanted: (c) => c.runs.failedSendsAll() },
  "runs.sendOutcome": { call: (c, x) => c.runs.sendOutcome({ clientId: x.clientId, messageId: x.messageId }), objects: true },
  "flows.setOrder": { call: (c, x) => c.flows.setOrder({ clientId: x.clientId, flowIds: [x.flowId] }), objects: true },
  "contacts.update": { call: (c, x) => c.contacts.update({ clientId: x.clientId, contactId: x.contactId, name: "Hijacked", tags: ["hijacked"] }), objects: true },
  "contacts.exportCsv": { call: (c, x) => c.contacts.exportCsv({ clientId: x.clientId, kind: "runs" }) },
  "notifications.list": { untenanted: (c) => c.notifications.list() },
  "notifications.markRead": { untenanted: (c) => c.notifications.markRead({ ids: null }) },
  "runs.retrySend": { call: (c, x) => c.runs.retrySend({ clientId: x.clientId, messageId: x.messageId }), objects: true },
  "runs.retrySends": { call: (c, x) => c.runs.retrySends({ clientId: x.clientId, messageIds: [x.messageId] }), objects: true },
  "runs.resolveSend": { call: (c, x) => c.runs.resolveSend({ clientId: x.clientId, messageId: x.messageId }), objects: true },
  "clients.create": { untenanted: (c) => c.clients.create({ name: `Planted ${Math.random()}`, timezone: "America/Chicago", hoursPreset: "24-7", staff: null }) },
  "clients.archive": { call: (c, x) => c.clients.archive({ clientId: x.clientId }) },
  "clients.restore": { call: (c, x) => c.clients.restore({ clientId: x.clientId }) },
  "clients.archived": { untenanted: (c) => c.clients.archived() },
  "clients.checklist": { call: (c, x) => c.clients.checklist({ clientId: x.clientId }) },
  "clients.health": { untenanted: (c) => c.clients.health() },
  "numbers.search": { call: (c, x) => c.numbers.search({ clientId: x.clientId, areaCode: "415" }) },
  "numbers.buy": { call: (c, x) => c.numbers.buy({ clientId: x.clientId, e164: "+14155550150", setup: numberSetup }) },
  "numbers.account": { call: (c, x) => c.numbers.account({ clientId: x.clientId }) },
  "numbers.takeOver": { call: (c, x) => c.numbers.takeOver({ clientId: x.clientId, twilioSid: `PN${"0".repeat(32)}`, setup: numberSetup }) },
  "numbers.verify": { call: (c, x) => c.numbers.verify({ clientId: x.clientId, phoneNumberId: x.phoneNumberId }), objects: true },
  "numbers.repair": { call: (c, x) => c.numbers.repair({ clientId: x.clientId, phoneNumberId: x.phoneNumberId }), objects: true },
  "numbers.messagingServices": { call: (c, x) => c.numbers.messagingServices({ clientId: x.clientId }) },
  "numbers.chooseMessagingService": { call: (c, x) => c.numbers.chooseMessagingService({ clientId: x.clientId, messagingServiceSid: null }) },
  "numbers.refreshA2p": { call: (c, x) => c.numbers.refreshA2p({ clientId: x.clientId }) },
  "members.list": { call: (c, x) => c.members.list({ clientId: x.clientId }) },
  "members.invite": { call: (c, x) => c.members.invite({ clientId: x.clientId, email: "mallory@evil.test", role: "ops" }) },
  "members.resend": { call: (c, x) => c.members.resend({ clientId: x.clientId, invitationId: x.invitationId }), objects: true },
  "members.revoke": { call: (c, x) => c.members.revoke({ clientId: x.clientId, invitationId: x.invitationId }), objects: true },
  "members.changeRole": { call: (c, x) => c.members.changeRole({ clientId: x.clientId, membershipId: x.membershipId, role: "owner" }), objects: true },
  "members.remove": { call: (c, x) => c.members.remove({ clientId: x.clientId, membershipId: x.membershipId }), objects: true },
  "audit.client": { call: (c, x) => c.audit.client({ clientId: x.clientId, kind: null }) },
  "audit.agency": { untenanted: (c) => c.audit.agency({ kind: null, clientId: null }) },
  // Addressed by the link's token, not by a tenant id: an unknown token finds nothing.
  "invitations.get": { untenanted: (c) => c.invitations.get({ token: "t".repeat(43) }) },
  "invitations.accept": { untenanted: (c) => codeOf(c.invitations.accept({ token: "t".repeat(43), name: "Mallory", password: "password123" })) },
};

let t: Tenants;
let own: Ids;
let foreign: Ids;
/** Bright Smiles: the same agency, but a client Greenfield's owner must not see. */
let sibling: Ids;

/** A client with one of everything a procedure can point at. */
async function furnish(clientId: string, caller: Caller, n: number): Promise<Ids> {
  const { id: flowId } = await caller.flows.create({ clientId, name: "Text back", starter: "text-back" });
  await caller.flows.publish({ clientId, flowId, note: null });
  const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
  const number = await db.phoneNumber.findFirstOrThrow({ where: { clientId } });
  const contact = await db.contact.create({ data: { clientId, e164: `+1415555${7000 + n}` } });
  const run = await db.flowRun.create({
    data: { clientId, flowId, flowVersionId: flow.activeVersionId!, triggerEventId: `CA${String(n).padStart(32, "0")}`, contactId: contact.id, callerNumber: contact.e164, status: "waiting" },
  });
  const message = await db.message.create({
    data: { clientId, contactId: contact.id, runId: run.id, direction: "outbound", body: "Sorry we missed you", status: "failed", errorCode: 30003, fromNumber: number.e164, toNumber: contact.e164 },
  });
  const lead = await db.lead.create({ data: { clientId, contactId: contact.id } });
  const appointment = await db.appointment.create({ data: { clientId, contactId: contact.id, startsAt: new Date("2026-12-24T15:00:00Z"), endsAt: new Date("2026-12-24T16:00:00Z") } });
  const staff = await db.staffContact.create({ data: { clientId, name: "Gus", mobile: `+1415555${8000 + n}` } });
  const member = await db.membership.create({ data: { clientId, role: "ops", userId: (await createUser(`member${n}`)).id } });
  const invitation = await db.invitation.create({ data: { clientId, email: `invitee${n}@test.local`, role: "ops", tokenHash: `hash-${n}-${clientId}`, expiresAt: new Date(Date.now() + 86_400_000) } });
  return {
    clientId,
    flowId,
    versionId: flow.activeVersionId!,
    runId: run.id,
    messageId: message.id,
    contactId: contact.id,
    leadId: lead.id,
    appointmentId: appointment.id,
    phoneNumberId: number.id,
    staffContactId: staff.id,
    membershipId: member.id,
    invitationId: invitation.id,
    business: number.e164,
  };
}

/** Everything of a client that an attack could change. */
const stateOf = async (clientId: string) =>
  JSON.stringify(
    await Promise.all([
      db.client.findUniqueOrThrow({ where: { id: clientId }, include: { phoneNumbers: true, staffContacts: true } }),
      db.flow.findMany({ where: { clientId }, include: { versions: true }, orderBy: { createdAt: "asc" } }),
      db.flowRun.findMany({ where: { clientId } }),
      db.message.findMany({ where: { clientId } }),
      db.contact.findMany({ where: { clientId } }),
      db.lead.findMany({ where: { clientId } }),
      db.appointment.findMany({ where: { clientId } }),
      db.membership.findMany({ where: { clientId }, orderBy: { id: "asc" } }),
      db.invitation.findMany({ where: { clientId }, orderBy: { id: "asc" } }),
    ]),
  );

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(async () => {
  t = await createTenants();
  own = await furnish(t.clients.greenfield.id, t.callers.admin, 1);
  foreign = await furnish(t.clients.foreign.id, t.callers.otherAdmin, 2);
  sibling = await furnish(t.clients.bright.id, t.callers.admin, 3);
}, 60_000);

describe("every tRPC procedure, called with another tenant's ids", () => {
  it("is in the sweep (a new procedure must say how it is called with another tenant's ids)", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.filter((p) => !(p in sweep)), "procedures missing from the tenant sweep").toEqual([]);
    expect(Object.keys(sweep).filter((p) => !procedures.includes(p)), "sweep entries for procedures that no longer exist").toEqual([]);
  });

  async function attack(caller: Caller, theirs: Ids) {
    const answers: Record<string, string> = {};
    for (const [path, entry] of Object.entries(sweep)) {
      if (!("call" in entry)) continue;
      answers[`${path} with their clientId`] = await codeOf(entry.call(caller, theirs));
      if (entry.objects) answers[`${path} with our clientId and their ids`] = await codeOf(entry.call(caller, { ...theirs, clientId: own.clientId }));
    }
    return answers;
  }

  it("a client's owner with a sibling client's ids (same agency) gets NOT_FOUND too", async () => {
    const before = await stateOf(sibling.clientId);
    const answers = await attack(t.callers.owner, sibling);
    expect(Object.entries(answers).filter(([, code]) => code !== "NOT_FOUND")).toEqual([]);
    expect(await stateOf(sibling.clientId)).toBe(before);
  });

  it("answers NOT_FOUND and changes nothing of the other tenant", async () => {
    const before = await stateOf(foreign.clientId);
    const answers = await attack(t.callers.admin, foreign);
    // Own flow, their business as the copy's target.
    answers["flows.copyToClients to their client"] = await codeOf(t.callers.admin.flows.copyToClients({ clientId: own.clientId, flowId: own.flowId, targetClientIds: [foreign.clientId] }));
    // The agency's own people (clientId null) with the other agency's membership and invitation.
    const theirAdmin = await db.membership.findFirstOrThrow({ where: { userId: t.users.otherAdmin.id } });
    const theirInvitation = await db.invitation.create({ data: { agencyId: t.other.id, email: "x@elsewhere.test", role: "builder", tokenHash: `hash-agency-${t.other.id}`, expiresAt: new Date(Date.now() + 86_400_000) } });
    answers["members.remove their agency admin"] = await codeOf(t.callers.admin.members.remove({ clientId: null, membershipId: theirAdmin.id }));
    answers["members.changeRole their agency admin"] = await codeOf(t.callers.admin.members.changeRole({ clientId: null, membershipId: theirAdmin.id, role: "builder" }));
    answers["members.revoke their agency invitation"] = await codeOf(t.callers.admin.members.revoke({ clientId: null, invitationId: theirInvitation.id }));
    answers["members.resend their agency invitation"] = await codeOf(t.callers.admin.members.resend({ clientId: null, invitationId: theirInvitation.id }));
    expect(await db.membership.findUniqueOrThrow({ where: { id: theirAdmin.id } })).toMatchObject({ role: "admin" });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: theirInvitation.id } })).toMatchObject({ revokedAt: null, tokenHash: `hash-agency-${t.other.id}` });
    expect(Object.entries(answers).filter(([, code]) => code !== "NOT_FOUND")).toEqual([]);
    expect(await stateOf(foreign.clientId)).toBe(before);
  });

  it("the same queries with our own ids do find things (so NOT_FOUND above is about the ids)", async () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const answers: Record<string, string> = {};
    for (const [path, entry] of Object.entries(sweep)) {
      if ("call" in entry && procedures[path]._def.type === "query") answers[path] = await codeOf(entry.call(t.callers.admin, own));
    }
    expect(Object.keys(answers).length).toBeGreaterThan(10);
    expect(Object.entries(answers).filter(([, code]) => code === "NOT_FOUND")).toEqual([]);
  });

  it("runs list filtered by their flow shows nothing", async () => {
    const page = await t.callers.admin.runs.list({ clientId: own.clientId, flowId: foreign.flowId });
    expect(JSON.stringify(page)).not.toContain(foreign.runId);
    expect(page.runs).toHaveLength(0);
  });

  it("procedures without a tenant input return none of the other tenant's data", async () => {
    const theirs = Object.values(foreign).filter((v) => v !== foreign.business);
    for (const [path, entry] of Object.entries(sweep)) {
      if (!("untenanted" in entry)) continue;
      const answer = JSON.stringify(await entry.untenanted(t.callers.admin));
      expect(theirs.filter((id) => answer.includes(id)), `${path} leaks the other tenant's ids`).toEqual([]);
    }
    // The same calls do show our own data, so the check above can see ids at all.
    expect(JSON.stringify(await t.callers.admin.runs.listAll({}))).toContain(own.runId);
    expect(JSON.stringify(await t.callers.admin.runs.failedSendsAll())).toContain(own.messageId);
  });
});
