import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "../db/client";
import { env } from "../env";

/**
 * Sign-in is Better Auth (email + password), with sessions stored in PostgreSQL through Prisma.
 * Accounts are created by an admin or the seed, never by self sign-up.
 */
export const auth = betterAuth({
  baseURL: env.PUBLIC_BASE_URL,
  secret: env.BETTER_AUTH_SECRET,
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: { enabled: true, disableSignUp: process.env.RINGBACK_ALLOW_SIGNUP !== "1", minPasswordLength: 8 },
  session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
  trustedOrigins: [env.PUBLIC_BASE_URL, "http://localhost:3000", "http://127.0.0.1:3000"],
  telemetry: { enabled: false },
  rateLimit: { customRules: { "/sign-in/email": { window: 60, max: env.AUTH_SIGN_IN_PER_MINUTE } } },
  plugins: [nextCookies()],
});

export type AuthSession = typeof auth.$Infer.Session;
