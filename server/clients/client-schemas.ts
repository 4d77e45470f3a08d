import { z } from "zod";
import { PhoneInput } from "../phone/phone";
import { BookingSettingsInput, ClosuresInput, QuietHours, Timezone, WeeklyHoursInput } from "./settings-schemas";

// What the client services take (settings, numbers, staff, a new client): the domain owns its
// inputs, and the tRPC router parses with them — a service never reaches up into server/api.

export const UpdateSettingsInput = z.object({
  clientId: z.string().min(1),
  businessName: z.string().trim().min(1, "Enter the business name as texted to callers").max(60, "Keep it under 60 characters: it starts every first text"),
  timezone: Timezone,
  businessHours: WeeklyHoursInput,
  closures: ClosuresInput,
  quietHours: QuietHours,
  bookingSettings: BookingSettingsInput,
  // The Messaging Service is chosen on the Phone numbers page (numbers.chooseMessagingService), which
  // reads its A2P campaign from Twilio as it saves it.
});
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;

export const PhoneNumberFields = z.object({
  e164: PhoneInput,
  label: z.string().trim().max(40).nullable(),
  forwardTo: PhoneInput,
  ringTimeoutSeconds: z.number().int().min(5, "Ring for at least 5 seconds").max(60, "Ring for at most 60 seconds"),
  voicemailEnabled: z.boolean(),
});
export const SavePhoneNumberInput = PhoneNumberFields.extend({ clientId: z.string().min(1), id: z.string().optional() });
export type SavePhoneNumberInput = z.infer<typeof SavePhoneNumberInput>;

export const StaffContactFields = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(80),
    mobile: PhoneInput.nullable(),
    email: z.email("Enter a valid email address").nullable(),
    notifySms: z.boolean(),
    notifyEmail: z.boolean(),
  })
  .refine((s) => !s.notifySms || s.mobile, { message: "Add a mobile number to notify by SMS", path: ["mobile"] })
  .refine((s) => !s.notifyEmail || s.email, { message: "Add an email address to notify by email", path: ["email"] });
export const SaveStaffContactInput = z.intersection(StaffContactFields, z.object({ clientId: z.string().min(1), id: z.string().optional() }));
export type SaveStaffContactInput = z.infer<typeof SaveStaffContactInput>;

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
