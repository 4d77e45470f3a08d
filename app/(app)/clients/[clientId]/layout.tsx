import { load } from "@/app/_trpc/server";

/** Every page under a client checks access once here: another tenant's id is a 404. */
export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  await load((c) => c.clients.get({ clientId }));
  return children;
}
