import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/server/events/client";
import { functions } from "@/server/inngest/functions";
import { INNGEST_MAX_BODY_BYTES, inngestServeOptions } from "@/server/inngest/serve-options";
import { bodyTooLarge, requestWithin } from "@/server/security/body-limit";

export const runtime = "nodejs";
const handlers = serve({ client: inngest, functions, ...inngestServeOptions() });
export const { GET, PUT } = handlers;

/**
 * Inngest's calls. The SDK reads a POST whole to check its signature, so in cloud mode an unsigned
 * one (which the SDK refuses anyway) is refused before its body is read, and any body is read only
 * up to INNGEST_MAX_BODY_BYTES.
 */
export async function POST(req: NextRequest, context: unknown) {
  if (inngest.mode === "cloud" && !req.headers.get("x-inngest-signature")) {
    await req.body?.cancel().catch(() => {});
    return Response.json({ message: "Missing X-Inngest-Signature: only Inngest may call this endpoint." }, { status: 401 });
  }
  const bounded = await requestWithin(req, INNGEST_MAX_BODY_BYTES);
  if (!bounded) return bodyTooLarge(INNGEST_MAX_BODY_BYTES);
  return handlers.POST(bounded as NextRequest, context as never);
}
