import { CalendarDays, Gauge, History, Inbox, ListChecks, MessageSquareWarning, ScrollText, Phone, Settings, UserPlus, Users, Workflow, type LucideIcon } from "lucide-react";
import { can, type Permission, type Role } from "@/server/auth/permissions";

/** A client's sections, in sidebar order, with the permission that shows each. */
export const clientSections: { slug: string; label: string; icon: LucideIcon; permission: Permission }[] = [
  { slug: "dashboard", label: "Dashboard", icon: Gauge, permission: "viewRuns" },
  { slug: "flows", label: "Flows", icon: Workflow, permission: "viewClient" },
  { slug: "runs", label: "Runs", icon: History, permission: "viewRuns" },
  { slug: "failed-sends", label: "Failed sends", icon: MessageSquareWarning, permission: "retrySends" },
  { slug: "inbox", label: "Inbox", icon: Inbox, permission: "viewClient" },
  { slug: "contacts", label: "Contacts & Leads", icon: Users, permission: "viewClient" },
  { slug: "appointments", label: "Appointments", icon: CalendarDays, permission: "viewClient" },
  { slug: "settings", label: "Settings", icon: Settings, permission: "manageSettings" },
  { slug: "numbers", label: "Phone numbers", icon: Phone, permission: "manageSettings" },
  { slug: "people", label: "People", icon: UserPlus, permission: "manageSettings" },
  { slug: "setup", label: "Go live", icon: ListChecks, permission: "viewClient" },
  { slug: "audit", label: "Audit log", icon: ScrollText, permission: "manageSettings" },
];

/** Agency-wide pages, under "All clients" (agency users only; the pages answer 404 to anyone else). */
export const agencySections: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "/agency/dashboard", label: "Dashboard", icon: Gauge },
  { href: "/agency/runs", label: "Runs", icon: History },
  { href: "/agency/failed-sends", label: "Failed sends", icon: MessageSquareWarning },
  { href: "/agency/people", label: "People", icon: UserPlus },
  { href: "/agency/audit", label: "Audit log", icon: ScrollText },
];

export const sectionsFor = (role: Role) => clientSections.filter((s) => can(role, s.permission));

export const roleLabels: Record<Role, string> = { admin: "Agency admin", builder: "Agency builder", owner: "Owner", ops: "Operations" };
