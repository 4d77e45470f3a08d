import { z } from "zod";
import { PhoneInput } from "../../../clients/phone";
import { Timezone } from "../../../clients/settings-schemas";

export const CreateClientInput = z.object({
  name: z.string().trim().min(1, "Enter the business name as callers should see it in texts").max(60, "Keep it under 60 characters: it starts every first text"),
  timezone: Timezone,
  hoursPreset: z.enum(["mon-fri-8-5", "24-7", "mon-sat-7-7"], "Pick the business hours"),
  staff: z
    .object({
      name: z.string().trim().min(1, "Enter the staff member's name").max(80),
      mobile: PhoneInput.nullable(),
      email: z.email("Enter a valid email address").nullable(),
    })
    .refine((s) => s.mobile || s.email, { message: "Add a mobile number or an email so they can be told about callers", path: ["mobile"] })
    .nullable(),
});
export type CreateClientInput = z.infer<typeof CreateClientInput>;
