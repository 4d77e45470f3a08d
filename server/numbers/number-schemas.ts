import { z } from "zod";
import { PhoneInput } from "../phone/phone";

// What the number services take; the tRPC router parses with these.

/**
 * How calls reach the number. `dial`: callers dial the Ringback number, which rings the business's
 * phone first. `forwarded`: the business keeps its line and forwards unanswered calls here.
 */
export const NumberSetup = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("dial"),
    forwardTo: PhoneInput,
    ringTimeoutSeconds: z.number().int().min(5, "Ring for at least 5 seconds").max(60, "Ring for at most 60 seconds"),
    voicemailEnabled: z.boolean(),
  }),
  z.object({ mode: z.literal("forwarded"), businessLine: PhoneInput, voicemailEnabled: z.boolean() }),
]);
export type NumberSetup = z.infer<typeof NumberSetup>;

export const BuyNumberInput = z.object({ clientId: z.string().min(1), e164: PhoneInput, setup: NumberSetup });
export type BuyNumberInput = z.infer<typeof BuyNumberInput>;

export const TakeOverNumberInput = z.object({
  clientId: z.string().min(1),
  twilioSid: z.string().regex(/^PN[0-9a-fA-F]{32}$/, "A Twilio number SID starts with PN followed by 32 hex characters"),
  setup: NumberSetup,
});
export type TakeOverNumberInput = z.infer<typeof TakeOverNumberInput>;
