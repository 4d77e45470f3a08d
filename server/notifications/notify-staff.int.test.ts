import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { startAppHarness } from "../testing/app-harness";
import type { createTenants } from "../testing/tenants";

// Staff notification through every channel: SMS via the fake Twilio, in-app, and email through a
// real local SMTP server (smtp-server) that records what nodemailer delivers.

const mail: { to: string[]; data: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (c) => (data += c));
    stream.on("end", () => {
      mail.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
      callback();
    });
  },
});
let h: Awaited<ReturnType<typeof startAppHarness>>;
let t: Awaited<ReturnType<typeof createTenants>>;

beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  h = await (await import("../testing/app-harness")).startAppHarness();
  t = await (await import("../testing/tenants")).createTenants();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe("notify staff", () => {
  it("texts staff who want texts, emails staff who want email, adds an in-app notification — once, even when the step is retried", async () => {
    const clientId = t.clients.greenfield.id;
    await db.staffContact.createMany({
      data: [
        { clientId, name: "Texter", mobile: "+13125551101", notifySms: true, notifyEmail: false },
        { clientId, name: "Mailer", email: "mailer@greenfield.test", notifySms: false, notifyEmail: true },
      ],
    });
    const { notifyStaff } = await import("./notify-staff");
    const { defaultSmsTransport } = await import("../messaging/default-transport");
    const options = {
      clientId,
      runId: "run_notify",
      nodeId: "alert",
      stepId: "notifyStaff:alert",
      title: "A caller needs you",
      body: "EMERGENCY from (312) 555-0199: flooding",
      channels: ["sms", "inApp", "email"] as ("sms" | "inApp" | "email")[],
      transport: defaultSmsTransport(),
    };
    const first = await notifyStaff(options);
    await notifyStaff(options); // a retried step
    expect(first).toMatchObject({ inApp: true, sms: ["Texter"], email: ["Mailer"], failures: [] });
    const texts = (await h.fake<{ messages: { to: string; body: string }[] }>("/_fake/messages?to=%2B13125551101")).messages;
    expect(texts).toHaveLength(1);
    expect(texts[0].body).toBe("EMERGENCY from (312) 555-0199: flooding"); // staff texts carry no opt-out footer
    expect(await db.notification.count({ where: { clientId, runId: "run_notify" } })).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(mail.map((m) => m.to)).toEqual([["mailer@greenfield.test"]]);
    expect(mail[0].data).toContain("Subject: A caller needs you");
  });
});
