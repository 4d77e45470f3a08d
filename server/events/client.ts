import { Inngest } from "inngest";
import { nodeFetch } from "./node-fetch";

/**
 * The app's Inngest client. Where it sends events and who calls its functions comes from the
 * SDK's own environment variables, so the same code runs against:
 *  - the local engine or `npx inngest-cli dev`: INNGEST_DEV=1 and INNGEST_BASE_URL=http://127.0.0.1:8288
 *  - self-hosted `inngest start`: INNGEST_BASE_URL, INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY
 *  - Inngest Cloud: INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY
 *
 * Events and checkpoints go out over `node:http` rather than Next's patched fetch (see node-fetch.ts).
 */
export const inngest = new Inngest({ id: "ringback", fetch: nodeFetch });
