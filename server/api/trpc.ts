import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { assertCan, loadViewer, resolveClientAccess, type Permission } from "../auth/access";
import { auth } from "../auth/auth";
import { AppError } from "../errors";

/** The transport boundary: who is calling. Built per request from its headers. */
export interface TRPCContext {
  /** The signed-in user, or null. Everything else about them is loaded per procedure. */
  userId: string | null;
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const session = await auth.api.getSession({ headers: opts.headers });
  return { userId: session?.user.id ?? null };
}

function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Errors by dotted field path ("businessHours.mon.1.end"), for forms to show beside each field.
        fieldErrors:
          cause instanceof ZodError ? fieldErrorsOf(cause) : cause instanceof AppError ? (cause.details?.fieldErrors ?? null) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Services throw AppError with a message for a person; this is the one place it becomes a TRPCError. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.userMessage, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const viewer = await loadViewer(ctx.userId);
  return next({ ctx: { ...ctx, userId: ctx.userId, viewer } });
});

/**
 * A procedure about one client: input carries `clientId`; the caller's role for it is resolved
 * (NOT_FOUND when they cannot see it) and checked against `permission`.
 */
export function clientProcedure(permission: Permission) {
  return protectedProcedure.input(z.object({ clientId: z.string().min(1) })).use(async ({ ctx, input, type, next }) => {
    const access = await resolveClientAccess(ctx.viewer, input.clientId);
    assertCan(access.role, permission);
    if (access.archived && type !== "query") {
      throw new AppError("PRECONDITION_FAILED", "This business is archived: its history can be read, nothing can change. An agency admin can restore it from the clients page.");
    }
    return next({ ctx: { ...ctx, access } });
  });
}
