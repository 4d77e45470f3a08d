// Moved to server/contacts/contact-upsert.ts (a contact is the contacts domain's). This forward
// stays only while server/flows/runtime/start-runs.ts and server/messaging/send-sms.ts, which are
// being changed elsewhere, still import it from here; delete it once they import from contacts/.
export { upsertContactByPhone } from "../contacts/contact-upsert";
