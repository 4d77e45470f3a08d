/**
 * Limits of the tRPC endpoint. The largest legitimate request is a flow draft save (at most
 * FLOW_LIMITS.draftBytes of graph, server/flows/model/limits.ts) with its envelope; a page batches
 * a handful of queries, and the client's httpBatchLink splits at the same number.
 */
export const TRPC_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const TRPC_MAX_BATCH_SIZE = 25;
