import { z } from "zod";

export const SearchNumbersInput = z.object({
  clientId: z.string().min(1),
  areaCode: z.string().trim().regex(/^\d{3}$/, "Enter a three-digit area code, such as 415"),
});

export const NumberIdInput = z.object({ clientId: z.string().min(1), phoneNumberId: z.string().min(1) });

export const ChooseMessagingServiceInput = z.object({
  clientId: z.string().min(1),
  messagingServiceSid: z
    .string()
    .trim()
    .regex(/^MG[0-9a-fA-F]{32}$/, "A Messaging Service SID starts with MG followed by 32 hex characters")
    .nullable(),
});
export type ChooseMessagingServiceInput = z.infer<typeof ChooseMessagingServiceInput>;
