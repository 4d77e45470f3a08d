import { load } from "@/app/_trpc/server";
import { GoLiveBanner } from "./_components/go-live-banner";

/** Every page under a client checks access once here: another tenant's id is a 404. */
export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const [, checklist] = await load((c) => Promise.all([c.clients.get({ clientId }), c.clients.checklist({ clientId })]));
  return (
    <>
      {!checklist.live && <GoLiveBanner clientId={clientId} done={checklist.items.filter((i) => i.done).length} total={checklist.items.length} />}
      {children}
    </>
  );
}
