import nodemailer from "nodemailer";
import { db } from "../db/client";
import { env } from "../env";
import { sendSms } from "../messaging/send-sms";
import type { SmsTransport } from "../messaging/transport";

/**
 * Tells a client's staff about a caller: an in-app notification always, SMS to staff who want
 * texts (through the guarded sendSms, one idempotency key per staff member so a retry never
 * texts them twice) and email when SMTP is configured and they want email.
 */
export interface NotifyStaffOptions {
  clientId: string;
  runId: string;
  nodeId: string;
  /** "stepId" of the run's step: the idempotency scope of this notification. */
  stepId: string;
  title: string;
  body: string;
  channels: ("sms" | "inApp" | "email")[];
  transport: SmsTransport;
  /** The step's last attempt: a staff text that cannot go out is recorded failed, and the run goes on. */
  lastAttempt?: boolean;
}

export async function notifyStaff(options: NotifyStaffOptions) {
  const staff = await db.staffContact.findMany({ where: { clientId: options.clientId } });
  const key = `${options.runId}:${options.stepId}`;
  const result = { inApp: false, sms: [] as string[], email: [] as string[], failures: [] as string[] };

  const notifyInApp = async () => {
    const already = await db.notification.findFirst({ where: { clientId: options.clientId, runId: options.runId, title: options.title, body: options.body } });
    if (!already) await db.notification.create({ data: { clientId: options.clientId, runId: options.runId, title: options.title, body: options.body } });
    result.inApp = true;
  };
  if (options.channels.includes("inApp")) await notifyInApp();
  if (options.channels.includes("sms")) {
    // A staff mobile that texted STOP gets no texts (sendSms blocks them): those staff are told in the app instead.
    const optedOut = new Set(
      (await db.contact.findMany({ where: { clientId: options.clientId, optedOut: true, e164: { in: staff.flatMap((s) => (s.mobile ? [s.mobile] : [])) } }, select: { e164: true } })).map((c) => c.e164),
    );
    const texted = staff.filter((s) => s.notifySms && s.mobile);
    if (texted.some((s) => optedOut.has(s.mobile!))) await notifyInApp();
    for (const person of texted) {
      const sent = await sendSms({
        clientId: options.clientId,
        to: person.mobile!,
        body: options.body,
        immediate: true,
        audience: "staff",
        runId: options.runId,
        nodeId: options.nodeId,
        idempotencyKey: `${key}:staff:${person.id}`,
        transport: options.transport,
        lastAttempt: options.lastAttempt,
      });
      if (sent.status === "sent") result.sms.push(person.name);
      else result.failures.push(`SMS to ${person.name}: ${sent.reason}`);
    }
  }
  if (options.channels.includes("email") && env.SMTP_URL) {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    for (const person of staff.filter((s) => s.notifyEmail && s.email)) {
      // Email has no idempotency key of its own: a retried step checks its record of sending first.
      const marker = `${key}:email:${person.id}`;
      if (!(await db.auditEvent.findFirst({ where: { action: "notify.email", targetId: marker } }))) {
        await transport.sendMail({ from: env.SMTP_FROM, to: person.email!, subject: options.title, text: options.body });
        await db.auditEvent.create({ data: { clientId: options.clientId, action: "notify.email", targetType: "StaffContact", targetId: marker } });
      }
      result.email.push(person.name);
    }
  }
  return result;
}
