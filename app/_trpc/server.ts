import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { signInPathFor } from "@/server/auth/return-path";

/** A tRPC caller for server components: same procedures, same access rules as the browser. */
export const getCaller = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));

/** Runs a server-side query; a client the viewer cannot see becomes a 404 page, no session the sign-in page. */
export async function load<T>(fn: (caller: Awaited<ReturnType<typeof getCaller>>) => Promise<T>): Promise<T> {
  try {
    return await fn(await getCaller());
  } catch (error) {
    // A page the role may not see is as absent as another tenant's: the sidebar never links to it.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    // Back to this page after signing in (proxy.ts passes the path along).
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect(signInPathFor((await headers()).get("x-ringback-path")));
    throw error;
  }
}

/** The client a page is under, read once per request however many layouts and pages ask for it. */
export const loadClient = cache((clientId: string) => load((c) => c.clients.get({ clientId })));
