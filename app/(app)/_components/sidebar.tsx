"use client";

import { Building2, LayoutGrid, LogOut, Menu, PhoneIncoming, Smartphone, X } from "lucide-react";
import Link from "next/link";
import { useParams, usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { NotificationBell } from "./notification-bell";
import { authClient } from "@/app/_components/auth-client";
import type { Role } from "@/server/auth/permissions";
import { agencySections, roleLabels, sectionsFor } from "./sections";

interface SidebarProps {
  me: { name: string; email: string; isAgencyUser: boolean; agencyRole: Role | null; agencyName: string | null };
  clients: { id: string; name: string; role: Role }[];
  /** Show the phone simulator (only while the fake Twilio is in use). */
  simulator: boolean;
}

export function Sidebar({ me, clients, simulator }: SidebarProps) {
  const params = useParams<{ clientId?: string }>();
  const pathname = usePathname();
  const router = useRouter();
  // A user of a single business always sees its sections, even on pages outside it (/phone).
  // The flow editor needs the width for its canvas: there the sidebar shrinks to icons.
  // Below 1024 px the sidebar is a menu behind the top bar's button. It closes when a link in it is
  // followed, not on any change of path: a path that settled just after the tap (the redirect after
  // signing in) closed it again, so the first tap seemed to do nothing. A tap before the page is
  // hydrated follows the button's #menu link, which shows the menu by CSS (:target) until React
  // takes over and opens it properly.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    if (window.location.hash !== "#menu") return;
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    // The hash is what the server could not see: read once, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setMenuOpen(true);
  }, []);
  useEffect(() => {
    const close = () => setMenuOpen(false);
    window.addEventListener("popstate", close);
    return () => window.removeEventListener("popstate", close);
  }, []);
  const compact = /^\/clients\/[^/]+\/flows\/[^/]+/.test(pathname) && !menuOpen;
  const current = clients.find((c) => c.id === params.clientId) ?? (!me.isAgencyUser && clients.length === 1 ? clients[0] : undefined);

  return (
    <>
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-3 lg:hidden" data-testid="top-bar">
      <a
        href="#menu"
        role="button"
        className="rounded-md p-2 text-slate-700 hover:bg-slate-100"
        aria-label="Open menu"
        aria-expanded={menuOpen}
        aria-controls="menu"
        onClick={(e) => {
          e.preventDefault();
          setMenuOpen(true);
        }}
      >
        <Menu className="h-5 w-5" />
      </a>
      <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900" aria-label="Ringback home">
        <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-white">
          <PhoneIncoming className="h-4 w-4" />
        </span>
        <span className="truncate">{current?.name ?? "Ringback"}</span>
      </Link>
      <span className="ml-auto" />
      <NotificationBell placement="topbar" />
    </header>
    {menuOpen && <div className="fixed inset-0 z-40 bg-slate-900/40 lg:hidden" aria-hidden onClick={() => setMenuOpen(false)} />}
    <aside
      id="menu"
      onClick={(e) => {
        if (menuOpen && (e.target as HTMLElement).closest("a[href]")) setMenuOpen(false);
      }}
      className={`${menuOpen ? "fixed inset-y-0 left-0 z-50 flex w-72 shadow-xl" : "hidden max-lg:target:fixed max-lg:target:inset-y-0 max-lg:target:left-0 max-lg:target:z-50 max-lg:target:flex max-lg:target:w-72"} h-dvh shrink-0 flex-col border-r border-slate-800 bg-slate-900 text-slate-300 lg:sticky lg:top-0 lg:z-auto lg:flex lg:h-screen lg:shadow-none ${compact ? "lg:w-14" : "lg:w-64"}`}
      data-compact={compact || undefined}
      aria-label="Menu"
    >
      <div className={`flex items-center gap-2 py-5 ${compact ? "flex-col justify-center px-2" : "px-5"}`}>
        <Link href="/" className="flex min-w-0 items-center gap-2 text-white" aria-label="Ringback">
          <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600">
            <PhoneIncoming className="h-4 w-4" />
          </span>
          {!compact && <span className="text-lg font-semibold tracking-tight">Ringback</span>}
        </Link>
        <span className={compact ? "hidden" : "ml-auto"} />
        <span className="hidden lg:inline-flex">
          <NotificationBell placement="sidebar" />
        </span>
        {menuOpen && (
          <button type="button" className="rounded-md p-1.5 text-slate-400 hover:bg-slate-800 hover:text-white lg:hidden" aria-label="Close menu" onClick={() => setMenuOpen(false)}>
            <X className="h-5 w-5" />
          </button>
        )}
      </div>

      {/* Everything between the logo and the signed-in person scrolls as one, so in a short window
          (720 px, the flow editor's icon column) no link is cut off and the footer stays in view. */}
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="sidebar-scroll">
      {!compact && (me.isAgencyUser || clients.length > 1) && (
        <div className="px-3">
          <label htmlFor="client-switcher" className="px-2 text-xs font-medium uppercase tracking-wider text-slate-500">
            Business
          </label>
          <select
            id="client-switcher"
            aria-label="Switch business"
            value={current?.id ?? ""}
            onChange={(e) => router.push(e.target.value ? `/clients/${e.target.value}/flows` : "/")}
            className="mt-1 w-full rounded-lg border border-slate-700 bg-slate-800 px-3 py-2 text-sm text-white outline-none focus:border-brand-500"
          >
            <option value="">{me.isAgencyUser ? "All clients" : "Choose a business"}</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}

      {me.isAgencyUser && (
        <nav className={`mt-4 space-y-0.5 ${compact ? "px-2" : "px-3"}`} aria-label="Agency">
          <NavLink href="/" active={pathname === "/"} icon={LayoutGrid} label="All clients" compact={compact} />
          {agencySections.map((s) => (
            <NavLink key={s.href} href={s.href} active={pathname.startsWith(s.href)} icon={s.icon} label={s.label} indent compact={compact} />
          ))}
        </nav>
      )}
      <nav className={`space-y-0.5 ${compact ? "px-2" : "px-3"} ${me.isAgencyUser ? "" : "mt-4"}`} aria-label="Sections">
        {current && (
          <>
            {compact ? <hr className="mx-1 my-3 border-slate-800" /> : <p className="px-2 pb-1 pt-4 text-xs font-medium uppercase tracking-wider text-slate-500">{current.name}</p>}
            {sectionsFor(current.role).map((s) => (
              <NavLink
                key={s.slug}
                href={`/clients/${current.id}/${s.slug}`}
                active={pathname.startsWith(`/clients/${current.id}/${s.slug}`)}
                icon={s.icon}
                label={s.label}
                compact={compact}
              />
            ))}
          </>
        )}
        {!current && !me.isAgencyUser && clients.length === 0 && (
          <p className="px-2 py-4 text-sm text-slate-400">You are not a member of any business yet. Ask your agency to invite you.</p>
        )}
      </nav>

      {simulator && (
        <div className={`pb-2 pt-4 ${compact ? "px-2" : "px-3"}`}>
          <NavLink href="/phone" active={pathname === "/phone"} icon={Smartphone} label="Phone simulator" compact={compact} />
        </div>
      )}
      </div>

      <div className={`border-t border-slate-800 ${compact ? "px-2 py-3" : "p-3"}`}>
        <div className={`flex items-center gap-3 rounded-lg py-2 ${compact ? "flex-col px-0" : "px-2"}`}>
          <span className="flex h-8 w-8 items-center justify-center rounded-full bg-slate-700 text-sm font-semibold text-white">
            {me.name.slice(0, 1)}
          </span>
          <div className={compact ? "sr-only" : "min-w-0 flex-1"}>
            <p className="truncate text-sm font-medium text-white" data-testid="user-name">{me.name}</p>
            <p className="truncate text-xs text-slate-400">
              {me.agencyRole ? roleLabels[me.agencyRole] : current ? roleLabels[current.role] : me.email}
            </p>
          </div>
          <button
            type="button"
            title="Sign out"
            aria-label="Sign out"
            className="rounded-md p-1.5 text-slate-400 hover:bg-slate-800 hover:text-white"
            onClick={async () => {
              await authClient.signOut();
              router.replace("/sign-in");
              router.refresh();
            }}
          >
            <LogOut className="h-4 w-4" />
          </button>
        </div>
        {me.agencyName && !compact && (
          <p className="mt-1 flex items-center gap-1.5 px-2 text-xs text-slate-500">
            <Building2 className="h-3 w-3" /> {me.agencyName}
          </p>
        )}
      </div>
    </aside>
    </>
  );
}

function NavLink({ href, active, icon: Icon, label, indent, compact }: { href: string; active: boolean; icon: React.ComponentType<{ className?: string }>; label: string; indent?: boolean; compact?: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      title={compact ? label : undefined}
      className={`flex items-center gap-3 rounded-lg px-2 py-2 text-sm transition ${compact ? "justify-center" : indent ? "pl-7" : ""} ${
        active ? "bg-slate-800 font-medium text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
      }`}
    >
      <Icon className="h-4 w-4 shrink-0" />
      <span className={compact ? "sr-only" : undefined}>{label}</span>
    </Link>
  );
}
