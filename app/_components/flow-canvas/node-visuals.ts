import { BellRing, CalendarCheck, CircleStop, Clock, Hourglass, MessageSquare, MessageSquareReply, MessageSquareText, PhoneMissed, Split, Tag, TextSearch, TimerReset, UserCheck, UserPlus, Webhook, type LucideIcon } from "lucide-react";
import type { IconName, NodeCategory } from "@/server/flows/model";

/**
 * The icon of every name the catalogue uses; the editor bundles only these. Typed over the
 * catalogue's names, so a kind with an icon missing here does not compile.
 */
export const icons: { [I in IconName]: LucideIcon } = {
  PhoneMissed,
  Clock,
  UserCheck,
  TextSearch,
  TimerReset,
  MessageSquare,
  UserPlus,
  BellRing,
  CalendarCheck,
  Tag,
  Split,
  MessageSquareReply,
  MessageSquareText,
  Hourglass,
  CircleStop,
  Webhook,
};

export const categoryStyle: Record<NodeCategory, { ring: string; icon: string; label: string }> = {
  trigger: { ring: "border-rose-300", icon: "bg-rose-100 text-rose-700", label: "Trigger" },
  condition: { ring: "border-amber-300", icon: "bg-amber-100 text-amber-700", label: "Condition" },
  action: { ring: "border-sky-300", icon: "bg-sky-100 text-sky-700", label: "Action" },
  wait: { ring: "border-violet-300", icon: "bg-violet-100 text-violet-700", label: "Wait" },
  end: { ring: "border-slate-300", icon: "bg-slate-100 text-slate-600", label: "End" },
};
