import { z } from "zod";

export const SearchNumbersInput = z.object({
  clientId: z.string().min(1),
  areaCode: z.string().trim().regex(/^\d{3}$/, "Enter a three-digit area code, such as 415"),
});

export const NumberIdInput = z.object({ clientId: z.string().min(1), phoneNumberId: z.string().min(1) });
