import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

/** A phone number as typed by a person ("(312) 555-0134", "+44 20 7946 0958") → E.164, US by default. */
export function toE164(input: string, defaultCountry: "US" = "US"): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export const PhoneInput = z
  .string()
  .trim()
  .min(1, "Enter a phone number")
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a valid phone number: use a full number such as +1 312 555 0134` });
      return z.NEVER;
    }
    return e164;
  });

/** Friendly display: +13125550134 → (312) 555-0134 for US numbers, international format otherwise. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "US" ? parsed.formatNational() : parsed.formatInternational();
}
