"use client";

import { TRPCClientError } from "@trpc/client";

/** Field errors from a failed tRPC mutation, keyed by dotted path ("businessHours.mon.0.end"). */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) return (error.data?.fieldErrors as FieldErrors | null) ?? {};
  return {};
}

/** The message a person should read for a failed mutation. */
export function messageOf(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.data?.code === "BAD_REQUEST") return "Some fields need attention — see the messages beside them. Nothing was saved.";
    return error.message;
  }
  return "Something went wrong. Nothing was saved; try again.";
}

/** Errors at a path and below it (e.g. "businessHours.mon" collects its ranges' errors). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  return Object.entries(errors).flatMap(([key, messages]) => (key === path || key.startsWith(`${path}.`) ? messages : []));
}
