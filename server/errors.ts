/**
 * An error meant for a person: `userMessage` says what is wrong and what to do.
 * Services throw it; only server/api turns it into a TRPCError.
 */
export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "BAD_REQUEST" | "CONFLICT" | "UNAUTHORIZED" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    public readonly userMessage: string,
    public readonly details?: { fieldErrors?: Record<string, string[]>; [key: string]: unknown },
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found, or you do not have access to it.`);
