import type { NodeKind } from "@/server/flows/model";
import { AbSplitForm } from "./ab-split";
import { BookForm } from "./book";
import { BusinessHoursForm } from "./business-hours";
import { CooldownForm } from "./cooldown";
import { CreateLeadForm } from "./create-lead";
import { EndForm } from "./end";
import { ExistingContactForm } from "./existing-contact";
import type { NodeForm } from "./fields";
import { KeywordForm } from "./keyword";
import { MissedCallForm } from "./missed-call";
import { NotifyStaffForm } from "./notify-staff";
import { SendSmsForm } from "./send-sms";
import { TagContactForm } from "./tag-contact";
import { TextReceivedForm } from "./text-received";
import { WaitDelayForm } from "./wait-delay";
import { WaitReplyForm } from "./wait-reply";
import { WebhookForm } from "./webhook";

export type { BusinessNumber, NodeForm, NodeFormProps } from "./fields";

/** The settings form of every kind, one file each; the mapped type makes a kind without one a compile error. */
export const nodeForms: { [K in NodeKind]: NodeForm<K> } = {
  "trigger.missedCall": MissedCallForm,
  "trigger.textReceived": TextReceivedForm,
  "condition.businessHours": BusinessHoursForm,
  "condition.existingContact": ExistingContactForm,
  "condition.keyword": KeywordForm,
  "condition.cooldown": CooldownForm,
  "action.sendSms": SendSmsForm,
  "action.createLead": CreateLeadForm,
  "action.notifyStaff": NotifyStaffForm,
  "action.book": BookForm,
  "action.tagContact": TagContactForm,
  "action.abSplit": AbSplitForm,
  "action.webhook": WebhookForm,
  "wait.reply": WaitReplyForm,
  "wait.delay": WaitDelayForm,
  end: EndForm,
};
