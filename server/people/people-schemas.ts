import { z } from "zod";

// What the people services take (an invitation, its acceptance); the tRPC routers parse with these.

/** `clientId: null` is the agency's own people (admins, builders); a clientId is that business's. */
export const PeopleScopeFields = { clientId: z.string().min(1).nullable() };

export const InviteInput = z.object({
  ...PeopleScopeFields,
  email: z.email("Enter a valid email address").transform((e) => e.toLowerCase()),
  role: z.enum(["admin", "builder", "owner", "ops"], "Pick a role"),
});
export type InviteInput = z.infer<typeof InviteInput>;

export const AcceptInvitationInput = z.object({
  token: z.string().min(20).max(100),
  name: z.string().trim().min(1, "Enter your name").max(80),
  password: z.string().min(8, "Use at least 8 characters").max(128),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;
