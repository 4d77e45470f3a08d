import { BusinessTimezone } from "@/app/_components/business-time";
import { load, loadClient } from "@/app/_trpc/server";
import { A2pBanner } from "./_components/a2p-banner";
import { GoLiveBanner } from "./_components/go-live-banner";

/** Every page under a client checks access once here (another tenant's id is a 404) and shows times in the client's timezone. */
export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const [client, checklist] = await Promise.all([loadClient(clientId), load((c) => c.clients.checklist({ clientId }))]);
  return (
    <BusinessTimezone timezone={client.timezone}>
      {!checklist.live && <GoLiveBanner clientId={clientId} done={checklist.items.filter((i) => i.done).length} total={checklist.items.length} />}
      {checklist.a2pWarning && <A2pBanner clientId={clientId} warning={checklist.a2pWarning} />}
      {children}
    </BusinessTimezone>
  );
}
