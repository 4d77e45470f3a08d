import { serve } from "inngest/next";
import { inngest } from "@/server/events/client";
import { functions } from "@/server/inngest/functions";
import { inngestServeOptions } from "@/server/inngest/serve-options";

export const runtime = "nodejs";
export const { GET, POST, PUT } = serve({ client: inngest, functions, ...inngestServeOptions() });
