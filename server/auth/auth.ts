import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "../db/client";
import { env } from "../env";
import { CLIENT_IP_HEADER } from "./sign-in-limit";
import { trustedOrigins } from "./trusted-origins";

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
  trustedOrigins: trustedOrigins(env.NODE_ENV, env.PUBLIC_BASE_URL),
  telemetry: { enabled: false },
  // Sign-in has its own limits per address and per account (sign-in-limit.ts, in the route). The
  // client address comes only from the header the route sets from trusted proxy hops; with none
  // trusted there is no address to key on, and no per-address limiting here either.
  rateLimit: { customRules: { "/sign-in/email": false } },
  advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER], disableIpTracking: env.AUTH_TRUSTED_PROXY_HOPS === 0 } },
  plugins: [nextCookies()],
});

export type AuthSession = typeof auth.$Infer.Session;
