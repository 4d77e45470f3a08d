import nodemailer from "nodemailer";
import { env } from "../env";

/**
 * Email through the configured SMTP server (SMTP_URL). Without one nothing is sent and the caller
 * says so (an invitation's link is shown to the inviter either way). In development and CI,
 * SMTP_URL points at the dev mailbox (server/mail/dev-mailbox), which the /mailbox page reads.
 */
export async function sendEmail(message: { to: string; subject: string; text: string }): Promise<{ sent: boolean; error: string | null }> {
  if (!env.SMTP_URL) return { sent: false, error: "No SMTP server is configured (SMTP_URL)." };
  try {
    await nodemailer.createTransport(env.SMTP_URL).sendMail({ from: env.SMTP_FROM, ...message });
    return { sent: true, error: null };
  } catch (error) {
    return { sent: false, error: `The SMTP server refused the email: ${(error as Error).message}` };
  }
}
