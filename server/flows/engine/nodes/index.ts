import type { NodeKind } from "../../model/catalogue";
import { createLead, end, missedCall, notifyStaff, sendSms, textReceived } from "./actions";
import { book } from "./book";
import { abSplit, tagContact } from "./contact-actions";
import { businessHours, cooldown, existingContact, keyword } from "./conditions";
import type { NodeHandler } from "./node-handler";
import { waitDelay, waitReply } from "./waits";
import { webhook } from "./webhook";

/** One handler per node kind; the mapped type makes a kind without a handler a compile error. */
export const handlers: { [K in NodeKind]: NodeHandler<K> } = {
  "trigger.missedCall": missedCall,
  "trigger.textReceived": textReceived,
  "condition.businessHours": businessHours,
  "condition.existingContact": existingContact,
  "condition.keyword": keyword,
  "condition.cooldown": cooldown,
  "action.sendSms": sendSms,
  "action.createLead": createLead,
  "action.notifyStaff": notifyStaff,
  "action.book": book,
  "action.tagContact": tagContact,
  "action.abSplit": abSplit,
  "action.webhook": webhook,
  "wait.reply": waitReply,
  "wait.delay": waitDelay,
  end,
};
