// `npm run dev` starts this: the development mailbox on SMTP :2525 and HTTP :2580 (see index.ts).
import { startDevMailbox } from "./index";

const mailbox = await startDevMailbox({ smtpPort: Number(process.env.DEV_MAILBOX_SMTP_PORT ?? 2525), httpPort: Number(process.env.DEV_MAILBOX_HTTP_PORT ?? 2580) });
console.log(`dev mailbox: SMTP ${mailbox.smtpUrl}, messages at ${mailbox.httpUrl}/messages`);
const stop = () => void mailbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
