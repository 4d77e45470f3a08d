import { Providers } from "@/app/_trpc/client";
import { load } from "@/app/_trpc/server";
import { Sidebar } from "./_components/sidebar";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const [me, clients, simulator] = await load((c) => Promise.all([c.me.get(), c.clients.names(), c.phone.enabled()]));
  return (
    <Providers>
      <div className="flex min-h-full flex-col lg:flex-row">
        <Sidebar me={me} clients={clients.map((c) => ({ id: c.id, name: c.name, role: c.role }))} simulator={simulator} />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </Providers>
  );
}
