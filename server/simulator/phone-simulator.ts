import { z } from "zod";
import { PhoneInput } from "../phone/phone";
import { db } from "../db/client";
import { env, twilioIsFake } from "../env";
import { AppError, notFound } from "../errors";

/**
 * The phone simulator drives the fake Twilio's control API: it places calls and sends texts as a
 * caller would, through the app's real signed webhooks. It exists only while the fake is in use.
 */
export const SimulatedCallInput = z.object({
  clientId: z.string(),
  business: z.string(),
  caller: PhoneInput,
  outcome: z.enum(["no-answer", "busy", "failed", "canceled", "completed"]),
  voicemail: z.string().max(500).nullable(),
});
export const SimulatedTextInput = z.object({ clientId: z.string(), business: z.string(), caller: PhoneInput, body: z.string().trim().min(1, "Type a message").max(1600) });
export const ThreadInput = z.object({ clientId: z.string(), business: z.string(), caller: PhoneInput });

function assertFake() {
  if (!twilioIsFake()) throw new AppError("PRECONDITION_FAILED", "The phone simulator only works with the local fake Twilio (no TWILIO_ACCOUNT_SID set).");
}

async function assertNumberOf(clientId: string, e164: string) {
  const number = await db.phoneNumber.findFirst({ where: { clientId, e164 } });
  if (!number) throw notFound("That business number");
}

async function fake<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${env.FAKE_TWILIO_URL}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AppError("PRECONDITION_FAILED", `The fake Twilio is not running at ${env.FAKE_TWILIO_URL}. Start the app with npm run dev.`);
  }
  if (!response.ok) throw new AppError("BAD_REQUEST", `The fake Twilio refused: ${await response.text()}`);
  return (await response.json()) as T;
}

export const simulatorEnabled = () => twilioIsFake();

export async function placeSimulatedCall(input: z.infer<typeof SimulatedCallInput>) {
  assertFake();
  await assertNumberOf(input.clientId, input.business);
  const call = await fake<{ sid: string; steps: { status: number }[] }>("/_fake/calls", {
    from: input.caller,
    to: input.business,
    outcome: input.outcome,
    voicemail: input.voicemail,
  });
  const failed = call.steps.find((s) => s.status >= 400);
  if (failed) throw new AppError("BAD_REQUEST", `The app refused the call's webhook (${failed.status}). Is PUBLIC_BASE_URL the address the fake posts to?`);
  return { callSid: call.sid };
}

export async function sendSimulatedText(input: z.infer<typeof SimulatedTextInput>) {
  assertFake();
  await assertNumberOf(input.clientId, input.business);
  return fake<{ sid: string; status: number; reply: string | null }>("/_fake/sms", { from: input.caller, to: input.business, body: input.body });
}

export async function simulatedThread(input: z.infer<typeof ThreadInput>) {
  assertFake();
  await assertNumberOf(input.clientId, input.business);
  const { messages } = await fake<{ messages: { sid: string; from: string; to: string; body: string; status: string; errorCode: number | null; numSegments: number; dateCreated: string }[] }>(
    `/_fake/threads?number=${encodeURIComponent(input.caller)}&other=${encodeURIComponent(input.business)}`,
  );
  return messages.map((m) => ({ ...m, fromCaller: m.from === input.caller }));
}
