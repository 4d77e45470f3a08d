import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/server/api/limits";
import { createTRPCContext } from "@/server/api/trpc";
import { readBodyWithin } from "@/server/security/body-limit";

const handler = async (incoming: Request) => {
  let req = incoming;
  if (incoming.method === "POST") {
    // The fetch adapter has no body limit of its own: read at most TRPC_MAX_BODY_BYTES, then hand it on.
    const body = await readBodyWithin(incoming, TRPC_MAX_BODY_BYTES);
    if (!body.ok) {
      return Response.json(
        { error: { message: `Request body too large: the limit is ${TRPC_MAX_BODY_BYTES / 1024} KB.`, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } },
        { status: 413 },
      );
    }
    req = new Request(incoming.url, { method: "POST", headers: incoming.headers, body: body.bytes as BodyInit, signal: incoming.signal });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
};

export { handler as GET, handler as POST };
