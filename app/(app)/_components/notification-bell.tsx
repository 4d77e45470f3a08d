"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { formatBusinessDayTime } from "@/app/_components/business-time";
import { useDismiss } from "@/app/_components/use-dismiss";
import { useTRPC } from "@/app/_trpc/client";

/** The bell: staff alerts (the in-app part of "Notify staff") with the unread count, newest first. */
export function NotificationBell({ placement }: { placement: "sidebar" | "topbar" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), refetchInterval: 15_000 });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }) }));
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, [button, panel]);
  const unread = list.data?.unread ?? 0;
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`relative rounded-md p-1.5 ${placement === "sidebar" ? "text-slate-400 hover:bg-slate-800 hover:text-white" : "text-slate-600 hover:bg-slate-100"}`}
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <Bell className="h-5 w-5" />
        {unread > 0 && (
          <span className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          role="dialog"
          aria-label="Notifications"
          className={`card fixed z-50 flex max-h-[70vh] w-[min(24rem,calc(100vw-1.5rem))] flex-col text-slate-900 shadow-lg ${placement === "sidebar" ? "left-3 top-16 lg:left-60" : "right-3 top-14"}`}
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <button type="button" className="btn-ghost !py-1 text-xs" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate({ ids: null })}>
              Mark all read
            </button>
          </div>
          <ul className="divide-y divide-slate-100 overflow-y-auto" aria-label="Notifications list">
            {list.data?.items.map((n) => (
              <li key={n.id} className={`px-4 py-3 text-sm ${n.read ? "" : "bg-brand-50/60"}`} data-testid="notification">
                <div className="flex items-start gap-2">
                  {!n.read && <span className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-brand-600" aria-label="Unread" />}
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{n.title}</p>
                    <p className="mt-0.5 break-words text-slate-600">{n.body.replace(/\s*https?:\/\/\S+\/runs\/\S+$/, "")}</p>
                    <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-500">
                      <span>{n.clientName}</span>
                      <span>{formatBusinessDayTime(n.createdAt, n.timezone)}</span>
                      {n.runId && (
                        <Link
                          href={`/clients/${n.clientId}/runs/${n.runId}`}
                          className="text-brand-700 hover:underline"
                          onClick={() => {
                            if (!n.read) markRead.mutate({ ids: [n.id] });
                            setOpen(false);
                          }}
                        >
                          Open the run
                        </Link>
                      )}
                      {!n.read && (
                        <button type="button" className="text-brand-700 hover:underline" onClick={() => markRead.mutate({ ids: [n.id] })}>
                          Mark read
                        </button>
                      )}
                    </p>
                  </div>
                </div>
              </li>
            ))}
            {list.data?.items.length === 0 && <li className="px-4 py-6 text-center text-sm text-slate-500">No notifications yet. Staff alerts from your flows show up here.</li>}
          </ul>
        </div>
      )}
    </>
  );
}
