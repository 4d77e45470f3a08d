import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import type { BuyNumberInput, NumberSetup, TakeOverNumberInput } from "./number-schemas";
import { compareWebhooks, fetchNumberConfig, listAccountNumbers, pointNumberAtApp, purchaseNumber, searchAvailableNumbers, type TwilioNumberConfig } from "./twilio-numbers";

/**
 * A client's phone numbers, set up by the app in Twilio: buy one, take over one the account already
 * has, and verify that its webhooks still point here. "Keep your existing line" is a number the
 * business forwards unanswered calls to (mode `forwarded`): every call to it is missed by definition.
 */

const setupFields = (setup: NumberSetup) =>
  setup.mode === "dial"
    ? { mode: "dial" as const, forwardTo: setup.forwardTo, ringTimeoutSeconds: setup.ringTimeoutSeconds, voicemailEnabled: setup.voicemailEnabled }
    : { mode: "forwarded" as const, forwardTo: setup.businessLine, voicemailEnabled: setup.voicemailEnabled };

async function assertFree(e164: string, clientId: string) {
  const taken = await db.phoneNumber.findUnique({ where: { e164 }, select: { clientId: true } });
  if (taken) {
    throw new AppError("CONFLICT", `${e164} is already connected to ${taken.clientId === clientId ? "this business" : "another business"}. Pick a different number.`, {
      fieldErrors: { e164: ["This number is already in use"] },
    });
  }
}

async function audit(clientId: string, actorId: string, action: string, targetId: string, data: object) {
  await db.auditEvent.create({ data: { clientId, actorId, action, targetType: "PhoneNumber", targetId, data } });
}

export const searchNumbers = ({ areaCode }: { areaCode: string }) => searchAvailableNumbers(areaCode);

export async function buyNumber({ input, actorId }: { input: BuyNumberInput; actorId: string }) {
  await assertFree(input.e164, input.clientId);
  const client = await db.client.findUniqueOrThrow({ where: { id: input.clientId }, select: { name: true } });
  const bought = await purchaseNumber(input.e164, `Ringback · ${client.name}`.slice(0, 64));
  const number = await db.phoneNumber.create({
    data: { clientId: input.clientId, e164: bought.e164, twilioSid: bought.sid, verifiedAt: new Date(), ...setupFields(input.setup) },
  });
  await audit(input.clientId, actorId, "number.buy", number.id, { e164: number.e164, mode: number.mode });
  return number;
}

/** The account's numbers, each with where it points and whether a business already uses it. */
export async function accountNumbers({ clientId }: { clientId: string }) {
  const numbers = await listAccountNumbers();
  const used = await db.phoneNumber.findMany({ where: { e164: { in: numbers.map((n) => n.e164) } }, select: { e164: true, clientId: true } });
  return numbers.map((n) => {
    const user = used.find((u) => u.e164 === n.e164);
    return {
      ...n,
      // Another business's number is only named as "in use": its client is not the caller's to see.
      usedBy: user ? (user.clientId === clientId ? ("this business" as const) : ("another business" as const)) : null,
      pointsAtApp: compareWebhooks(n).every((c) => c.ok),
    };
  });
}

export async function takeOverNumber({ input, actorId }: { input: TakeOverNumberInput; actorId: string }) {
  const current = await fetchNumberConfig(input.twilioSid);
  await assertFree(current.e164, input.clientId);
  const updated = await pointNumberAtApp(input.twilioSid);
  const number = await db.phoneNumber.create({
    data: { clientId: input.clientId, e164: updated.e164, twilioSid: updated.sid, verifiedAt: new Date(), ...setupFields(input.setup) },
  });
  await audit(input.clientId, actorId, "number.takeOver", number.id, { e164: number.e164, before: { voiceUrl: current.voiceUrl, statusCallback: current.statusCallback, smsUrl: current.smsUrl } });
  return number;
}

async function numberOf(clientId: string, phoneNumberId: string) {
  const number = await db.phoneNumber.findFirst({ where: { id: phoneNumberId, clientId } });
  if (!number) throw notFound("That phone number");
  return number;
}

/** Twilio's number for a row: by SID, or (a number typed in by hand) found by its E.164 in the account. */
async function twilioConfigFor(number: { e164: string; twilioSid: string | null }): Promise<TwilioNumberConfig | null> {
  if (number.twilioSid) return fetchNumberConfig(number.twilioSid);
  return (await listAccountNumbers()).find((n) => n.e164 === number.e164) ?? null;
}

/** Reads the number's configuration back from Twilio and records whether it still points here. */
export async function verifyNumber({ clientId, phoneNumberId }: { clientId: string; phoneNumberId: string }) {
  const number = await numberOf(clientId, phoneNumberId);
  const config = await twilioConfigFor(number).catch((error: AppError) => {
    if (error.code === "NOT_FOUND") return null;
    throw error;
  });
  const checks = config ? compareWebhooks(config) : [];
  const ok = config !== null && checks.every((c) => c.ok);
  await db.phoneNumber.update({ where: { id: number.id }, data: { verifiedAt: ok ? new Date() : null, ...(config && !number.twilioSid ? { twilioSid: config.sid } : {}) } });
  return {
    number: { id: number.id, e164: number.e164, mode: number.mode, forwardTo: number.forwardTo, voicemailEnabled: number.voicemailEnabled },
    inAccount: config !== null,
    checks,
    ok,
  };
}

/** Points a number's webhooks back at the app (after someone changed them in Twilio's console). */
export async function repairNumber({ clientId, phoneNumberId, actorId }: { clientId: string; phoneNumberId: string; actorId: string }) {
  const number = await numberOf(clientId, phoneNumberId);
  const config = await twilioConfigFor(number);
  if (!config) throw new AppError("PRECONDITION_FAILED", `${number.e164} is not in this Twilio account, so the app cannot configure it. Buy a number or connect one the account owns.`);
  await pointNumberAtApp(config.sid);
  await audit(clientId, actorId, "number.repair", number.id, { e164: number.e164 });
  return verifyNumber({ clientId, phoneNumberId });
}
